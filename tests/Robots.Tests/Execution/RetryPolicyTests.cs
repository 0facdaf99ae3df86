using FluentAssertions;
using WineB24.Bitrix24Client.Errors;
using WineB24.Robots.Execution;

namespace WineB24.Robots.Tests.Execution;

public class RetryPolicyTests
{
    [Fact]
    public void Delay_doubles_from_the_first_retry_up_to_the_cap()
    {
        var options = new RobotsOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(8) };

        Enumerable.Range(2, 7).Select(options.DelayBeforeAttempt).Should().Equal(
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4),
            TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(8));
    }

    [Theory]
    [InlineData("QUERY_LIMIT_EXCEEDED", 503, FailureKind.Transient)]
    [InlineData("OPERATION_TIME_LIMIT", 429, FailureKind.Transient)]
    [InlineData("INTERNAL_SERVER_ERROR", 500, FailureKind.Transient)]
    [InlineData("", 502, FailureKind.Transient)]
    [InlineData("OVERLOAD_LIMIT", 503, FailureKind.PortalNeedsAttention)]
    [InlineData("PORTAL_DELETED", 410, FailureKind.PortalNeedsAttention)]
    [InlineData("invalid_grant", 400, FailureKind.PortalNeedsAttention)]
    [InlineData("PAYMENT_REQUIRED", 402, FailureKind.PortalNeedsAttention)]
    [InlineData("ACCESS_DENIED", 403, FailureKind.Permanent)]
    [InlineData("NOT_FOUND", 400, FailureKind.Permanent)]
    [InlineData("ERROR_ARGUMENT", 400, FailureKind.Permanent)]
    [InlineData("ERROR_OAUTH", 401, FailureKind.PortalNeedsAttention)]
    [InlineData("NOT_INSTALLED", 400, FailureKind.PortalNeedsAttention)]
    [InlineData("SOMETHING_NEW", 400, FailureKind.Permanent)]
    public void Bitrix24_errors_are_sorted_by_the_sdks_exception_type(string code, int status, FailureKind expected)
    {
        // The SDK's own mapping from the envelope's code to its typed exception, as a call or a batch command raises it.
        FailureClassifier.Classify(ErrorCodes.ToException(code, "", status, "crm.lead.get")).Should().Be(expected);
    }

    [Fact]
    public void Sdk_faults_without_an_answer_are_transient_and_a_flagged_portal_needs_attention()
    {
        FailureClassifier.Classify(new Bitrix24TransportException(Bitrix24TransportException.Timeout, "", 0, "batch", true)).Should().Be(FailureKind.Transient);
        FailureClassifier.Classify(new PortalNeedsAttentionException("m1", PortalNeedsAttentionException.NoTokens, "", 0, "batch"))
            .Should().Be(FailureKind.PortalNeedsAttention);
    }

    [Fact]
    public void Network_faults_are_transient_and_bugs_are_not()
    {
        FailureClassifier.Classify(new HttpRequestException("reset")).Should().Be(FailureKind.Transient);
        FailureClassifier.Classify(new TimeoutException()).Should().Be(FailureKind.Transient);
        FailureClassifier.Classify(new NullReferenceException()).Should().Be(FailureKind.Permanent);
    }
}
