using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Transport;

namespace WineB24.Bitrix24Client.Tests.Transport;

public class EnvelopeTests
{
    [Fact]
    public void List_page_reads_result_total_next_and_operating_time()
    {
        const string body = """
            {"result":{"items":[{"id":5531,"title":"Заказ 114","opportunity":12450.5}]},"next":100,"total":1348,
             "time":{"start":1767398500.1021,"finish":1767398500.4483,"duration":0.3462,"processing":0.3117,
               "date_start":"2026-01-03T01:01:40+01:00","operating_reset_at":1767399100,"operating":4.8125}}
            """;
        var r = Envelope.Parse(200, body, "crm.item.list");
        r.Total.Should().Be(1348);
        r.Next.Should().Be(100);
        r.Time!.Operating.Should().Be(4.8125);
        r.Time.OperatingResetAt.Should().Be(1767399100);
        r.Time.Duration.Should().BeApproximately(0.3462, 1e-9);
        r.Result["items"]![0]!["title"]!.ToString().Should().Be("Заказ 114");
        ((decimal)r.Result["items"]![0]!["opportunity"]!).Should().Be(12450.5m);
    }

    [Fact]
    public void Scalar_result_without_time_block_is_a_response_without_time()
    {
        var r = Envelope.Parse(200, """{"result":2921}""", "crm.company.add");
        ((long)r.Result).Should().Be(2921);
        r.Time.Should().BeNull();
        r.Next.Should().BeNull();
    }

    [Fact]
    public void Dates_stay_the_text_the_portal_sent()
    {
        var r = Envelope.Parse(200, """{"result":{"DATE_CREATE":"2026-01-03T01:01:40+03:00"}}""", "crm.deal.get");
        r.Result["DATE_CREATE"]!.Type.Should().Be(JTokenType.String);
        r.Result["DATE_CREATE"]!.ToString().Should().Be("2026-01-03T01:01:40+03:00");
    }

    [Theory]
    [InlineData(401, "expired_token", typeof(ExpiredTokenException))]
    [InlineData(401, "invalid_token", typeof(InvalidTokenException))]
    [InlineData(401, "NO_AUTH_FOUND", typeof(NoAuthFoundException))]
    [InlineData(401, "ERROR_OAUTH", typeof(NoAuthFoundException))]
    [InlineData(401, "METHOD_CONFIRM_WAITING", typeof(MethodConfirmWaitingException))]
    [InlineData(401, "METHOD_CONFIRM_DENIED", typeof(MethodConfirmDeniedException))]
    [InlineData(403, "insufficient_scope", typeof(InsufficientScopeException))]
    [InlineData(403, "invalid_scope", typeof(InsufficientScopeException))]
    [InlineData(403, "INVALID_CREDENTIALS", typeof(InvalidCredentialsException))]
    [InlineData(403, "ACCESS_DENIED", typeof(AccessDeniedException))]
    [InlineData(400, "ACCESS_DENIED", typeof(AccessDeniedException))]
    [InlineData(403, "user_access_error", typeof(AccessDeniedException))]
    [InlineData(403, "allowed_only_intranet_user", typeof(AccessDeniedException))]
    [InlineData(403, "WRONG_AUTH_TYPE", typeof(WrongAuthTypeException))]
    [InlineData(400, "INVALID_REQUEST", typeof(InvalidRequestException))]
    [InlineData(400, "ERROR_BATCH_LENGTH_EXCEEDED", typeof(BatchLengthExceededException))]
    [InlineData(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", typeof(BatchMethodNotAllowedException))]
    [InlineData(404, "ERROR_METHOD_NOT_FOUND", typeof(MethodNotFoundException))]
    [InlineData(404, "ERROR_MANIFEST_IS_NOT_AVAILABLE", typeof(MethodNotFoundException))]
    [InlineData(429, "OPERATION_TIME_LIMIT", typeof(OperationTimeLimitException))]
    [InlineData(503, "QUERY_LIMIT_EXCEEDED", typeof(QueryLimitExceededException))]
    [InlineData(503, "OVERLOAD_LIMIT", typeof(OverloadLimitException))]
    [InlineData(500, "INTERNAL_SERVER_ERROR", typeof(InternalServerErrorException))]
    [InlineData(500, "ERROR_UNEXPECTED_ANSWER", typeof(InternalServerErrorException))]
    [InlineData(410, "PORTAL_DELETED", typeof(PortalDeletedException))]
    [InlineData(402, "PAYMENT_REQUIRED", typeof(PaymentRequiredException))]
    [InlineData(401, "wrong_client", typeof(ApplicationNotInstalledException))]
    [InlineData(401, "APPLICATION_NOT_FOUND", typeof(ApplicationNotInstalledException))]
    [InlineData(401, "NOT_INSTALLED", typeof(ApplicationNotInstalledException))]
    [InlineData(400, "NOT_FOUND", typeof(NotFoundException))]
    [InlineData(400, "ERROR_ARGUMENT", typeof(ArgumentErrorException))]
    [InlineData(400, "INVALID_ARG_VALUE", typeof(ArgumentErrorException))]
    [InlineData(400, "ERROR_CORE", typeof(CoreErrorException))]
    [InlineData(400, "invalid_grant", typeof(InvalidGrantException))]
    [InlineData(401, "invalid_client", typeof(InvalidClientException))]
    [InlineData(400, "invalid_request", typeof(InvalidRequestException))]
    // Several placement errors arrive with HTTP 200: the error code decides, not the status.
    [InlineData(200, "ERROR_ARGUMENT", typeof(ArgumentErrorException))]
    public void Every_documented_error_code_maps_to_its_type(int status, string code, Type expected)
    {
        var act = () => Envelope.Parse(status, $$"""{"error":"{{code}}","error_description":"текст ошибки"}""", "crm.deal.add");
        var ex = act.Should().Throw<Bitrix24Exception>().Which;
        ex.GetType().Should().Be(expected);
        ex.Code.Should().Be(code);
        ex.HttpStatus.Should().Be(status);
        ex.Method.Should().Be("crm.deal.add");
        ex.Description.Should().Be("текст ошибки");
    }

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"0\"", "0")]
    [InlineData("0", "0")]
    [InlineData("\"ERROR_SOMETHING_NEW\"", "ERROR_SOMETHING_NEW")]
    public void Empty_zero_and_unknown_codes_are_plain_bitrix24_errors(string errorJson, string expectedCode)
    {
        var act = () => Envelope.Parse(400, $$"""{"error":{{errorJson}},"error_description":"Trigger with code X is not registered."}""", "crm.automation.trigger.execute");
        var ex = act.Should().Throw<Bitrix24Exception>().Which;
        ex.GetType().Should().Be(typeof(Bitrix24Exception));
        ex.Code.Should().Be(expectedCode);
        ex.Description.Should().Contain("not registered");
    }

    [Fact]
    public void Argument_error_keeps_the_argument_name()
    {
        var act = () => Envelope.Parse(400, """{"error":"ERROR_ARGUMENT","error_description":"bad","argument":"HANDLER"}""", "placement.bind");
        act.Should().Throw<ArgumentErrorException>().Which.Argument.Should().Be("HANDLER");
    }

    [Fact]
    public void A_gateway_page_is_a_transient_server_error()
    {
        var act = () => Envelope.Parse(502, "<html>Bad Gateway</html>", "crm.deal.list");
        act.Should().Throw<InternalServerErrorException>().Which.Code.Should().Be("HTTP_502");
    }

    [Fact]
    public void A_non_envelope_success_is_an_unexpected_answer_that_may_have_run()
    {
        var act = () => Envelope.Parse(200, "<html>maintenance</html>", "crm.deal.add");
        act.Should().Throw<Bitrix24TransportException>().Which.MayHaveReachedPortal.Should().BeTrue();
    }
}
