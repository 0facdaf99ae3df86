using System.Net;
using FluentAssertions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Cloud;

public sealed class OAuthServerTests
{
    private static Uri RefreshUrl(EmulatorFixture f, string refresh, string? secret = null)
        => new(f.Cloud.TokenEndpoint, "?" + PhpForm.Build(
        [
            new("grant_type", "refresh_token"), new("client_id", f.Cloud.ClientId),
            new("client_secret", secret ?? f.Cloud.ClientSecret), new("refresh_token", refresh),
        ]));

    [Fact]
    public async Task Refresh_by_get_returns_the_documented_fields_and_a_working_token()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);

        var answer = await f.Http.GetAsync(RefreshUrl(f, issued.RefreshToken));

        answer.Status.Should().Be(HttpStatusCode.OK);
        var body = answer.Body!.AsObject();
        body.Select(kv => kv.Key).Should().BeEquivalentTo("access_token", "refresh_token", "expires", "expires_in", "scope",
            "domain", "server_endpoint", "client_endpoint", "member_id", "user_id", "status");
        body["client_endpoint"]!.GetValue<string>().Should().Be(f.Portal.ClientEndpoint.ToString());
        body["domain"]!.GetValue<string>().Should().Be(f.Cloud.OAuthDomain);
        body["member_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        body["expires_in"]!.GetValue<long>().Should().Be(3600);
        body["refresh_token"]!.GetValue<string>().Should().NotBe(issued.RefreshToken);
        var call = await f.CallAsync("user.current", token: body["access_token"]!.GetValue<string>());
        call.Status.Should().Be(HttpStatusCode.OK);
        f.Cloud.RefreshCount.Should().Be(1);
        f.Portal.RefreshCount.Should().Be(1);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_reuse_is_invalid_grant()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);
        var form = PhpForm.Build([
            new("grant_type", "refresh_token"), new("client_id", f.Cloud.ClientId),
            new("client_secret", f.Cloud.ClientSecret), new("refresh_token", issued.RefreshToken),
        ]);

        var first = await f.Http.PostFormAsync(f.Cloud.TokenEndpoint, form);
        var again = await f.Http.PostFormAsync(f.Cloud.TokenEndpoint, form);
        var next = await f.Http.GetAsync(RefreshUrl(f, first.Body!["refresh_token"]!.GetValue<string>()));

        first.Status.Should().Be(HttpStatusCode.OK);
        again.Error.Should().Be("invalid_grant");
        next.Status.Should().Be(HttpStatusCode.OK);
        f.Cloud.RefreshCount.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_let_exactly_one_win()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => f.Http.GetAsync(RefreshUrl(f, issued.RefreshToken))));

        answers.Count(a => a.Status == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a.Error == "invalid_grant").Should().Be(7);
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client_and_unknown_token_invalid_grant()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);

        var badSecret = await f.Http.GetAsync(RefreshUrl(f, issued.RefreshToken, secret: "nope"));
        var unknown = await f.Http.GetAsync(RefreshUrl(f, "ffffffff"));

        badSecret.Error.Should().Be("invalid_client");
        unknown.Error.Should().Be("invalid_grant");
        f.Cloud.RefreshCount.Should().Be(0);
    }

    [Fact]
    public async Task Payment_required_switch_blocks_refresh_and_calls()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);
        f.Portal.PaymentRequired = true;

        var refresh = await f.Http.GetAsync(RefreshUrl(f, issued.RefreshToken));
        var call = await f.CallAsync("user.current");

        refresh.Error.Should().Be("PAYMENT_REQUIRED");
        call.Error.Should().Be("PAYMENT_REQUIRED");
    }

    [Fact]
    public async Task Deleted_portal_answers_portal_deleted()
    {
        await using var f = await EmulatorFixture.StartAsync();
        f.Portal.Deleted = true;

        var call = await f.CallAsync("user.current");

        call.Status.Should().Be(HttpStatusCode.Gone);
        call.Error.Should().Be("PORTAL_DELETED");
    }

    [Fact]
    public async Task App_info_on_the_oauth_server_reports_license_and_install_state()
    {
        await using var f = await EmulatorFixture.StartAsync(new() { Plan = WineB24.PortalEmulator.Portal.PortalPlan.Enterprise });

        var before = await f.Http.GetAsync(new Uri(f.Cloud.ServerEndpoint, $"app.info?auth={f.AdminToken}"));
        f.Portal.FinishInstall();
        var after = await f.CallAsync("app.info");

        before.Result!["INSTALLED"]!.GetValue<bool>().Should().BeFalse();
        before.Result!["LICENSE"]!.GetValue<string>().Should().Be("ru_ent250");
        before.Result!["LICENSE_FAMILY"]!.GetValue<string>().Should().Be("ent");
        after.Result!["INSTALLED"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Uninstalled_app_gets_error_oauth_on_calls_and_invalid_client_on_refresh()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var issued = f.Portal.IssueTokens(1);
        f.Portal.FinishInstall();

        f.Portal.Uninstall(clean: false);
        var call = await f.CallAsync("user.current", token: issued.AccessToken);
        var refresh = await f.Http.GetAsync(RefreshUrl(f, issued.RefreshToken));

        call.Status.Should().Be(HttpStatusCode.Unauthorized);
        call.Error.Should().Be("ERROR_OAUTH");
        refresh.Error.Should().Be("invalid_client");
    }
}
