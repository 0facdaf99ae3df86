using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using WineB24.Bitrix24App.Install;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Tests.Install;

public sealed class InstallRequestTests
{
    // Sheet §11(a), verbatim.
    private const string Body = "AUTH_ID=4b1f0c66000b9c94&AUTH_EXPIRES=3600&REFRESH_ID=3a9e1f66000b9c94&SERVER_ENDPOINT=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&APPLICATION_TOKEN=c0ffee12ab&APPLICATION_SCOPE=crm%2Cbizproc%2Cplacement%2Ccatalog%2Cdisk%2Centity&member_id=9d2c41e7b0a3&status=P&PLACEMENT=DEFAULT";

    private static QueryCollection Query(string lang) => new(new Dictionary<string, StringValues>
    {
        ["DOMAIN"] = "acme.bitrix24.com", ["PROTOCOL"] = "1", ["LANG"] = lang, ["APP_SID"] = "7f3a9c0e11d24b6a",
    });

    [Fact]
    public void Installer_post_is_parsed_into_an_install_request()
    {
        var (request, problem) = InstallRequest.From(Query("en"), BracketForm.Parse(Body));

        problem.Should().BeNull();
        request.Should().Be(new InstallRequest("9d2c41e7b0a3", "3a9e1f66000b9c94", "4b1f0c66000b9c94", "c0ffee12ab", "acme.bitrix24.com", "1", 3600, "en",
            "https://oauth.bitrix.info/rest/", "P", "DEFAULT"));
    }

    [Fact]
    public void Posted_grant_names_the_portal_address_from_domain_and_protocol()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_312_000);
        var grant = InstallRequest.From(Query("en"), BracketForm.Parse(Body)).Request!.ToPostedGrant(now);

        grant.PostedEndpoint.Should().Be(new Uri("https://acme.bitrix24.com/rest/"));
        grant.ExpiresAt.Should().Be(now.AddSeconds(3600));
        grant.AccessToken.Should().Be("4b1f0c66000b9c94");
        PostedGrant.EndpointFromDomain("127.0.0.1:8080", "0").Should().Be(new Uri("http://127.0.0.1:8080/rest/"));
        PostedGrant.EndpointFromDomain("evil.example/path", "1").Should().BeNull();
        PostedGrant.EndpointFromDomain("user@evil.example", "1").Should().BeNull();
        PostedGrant.EndpointFromDomain("evil.example?x=", "1").Should().BeNull();
        PostedGrant.EndpointFromDomain("", "1").Should().BeNull();
        PostedGrant.EndpointFromDomain("портал.рф", "1").Should().BeNull("Bitrix24 posts the punycode host");
        PostedGrant.Endpoint("javascript:alert(1)").Should().BeNull();
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("RU", "ru")]
    [InlineData("ua", "ru")]
    [InlineData("de", "en")]
    [InlineData("", "en")]
    public void Language_is_russian_or_english(string lang, string expected) =>
        InstallRequest.From(Query(lang), BracketForm.Parse(Body)).Request!.Language.Should().Be(expected);

    [Theory]
    [InlineData("AUTH_ID=a&REFRESH_ID=r", "member_id is missing")]
    [InlineData("AUTH_ID=a&member_id=m", "REFRESH_ID is missing")]
    [InlineData("REFRESH_ID=r&member_id=m", "AUTH_ID is missing")]
    public void Post_without_identity_or_grant_is_not_an_install(string body, string expected) =>
        InstallRequest.From(Query("en"), BracketForm.Parse(body)).Problem.Should().Be(expected);

    [Fact]
    public void Pages_encode_markup_and_keep_cyrillic_readable()
    {
        var html = InstallPages.Failed("ru", "<script>alert(1)</script> Ошибка", ["a&b \"c\""]);
        html.Should().Contain("&lt;script&gt;").And.NotContain("<script>alert").And.Contain("Ошибка").And.Contain("a&amp;b &quot;c&quot;");
        html.Should().StartWith("<!DOCTYPE html><html lang=\"ru\">");
    }
}
