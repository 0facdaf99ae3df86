using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

public class AuthenticationTests
{
    [Fact]
    public async Task Wrong_password_fails_without_details_and_ten_failures_lock_the_login_for_fifteen_minutes()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var wrong = host.NewClient(password: "wrong-password-123");
        using var right = host.NewClient();

        var first = await wrong.CheckAuthAsync("catalog");
        var status = wrong.LastResponse!.StatusCode;
        for (var i = 0; i < 9; i++)
        {
            await wrong.CheckAuthAsync("catalog");
        }
        var lockedOut = await right.CheckAuthAsync("catalog");
        host.Time.Advance(TimeSpan.FromMinutes(16));
        var afterLockout = await right.CheckAuthAsync("catalog");

        first.Should().Equal("failure", "Неверный логин или пароль обмена.");
        status.Should().Be(HttpStatusCode.Unauthorized);
        lockedOut[0].Should().Be("failure");
        lockedOut[1].Should().StartWith("Слишком много неудачных попыток");
        afterLockout[0].Should().Be("success");
    }

    [Fact]
    public async Task Generated_credentials_select_their_portal_and_rotation_invalidates_the_old_password()
    {
        await using var host = await ExchangeHost.StartAsync();
        var credentials = host.App.Services.GetRequiredService<ExchangeCredentials>();
        var issued = await credentials.IssueAsync("portal-two", CancellationToken.None);
        using var client = host.NewClient(issued.Login, issued.Password);

        var before = await client.CheckAuthAsync("catalog");
        var rotated = await credentials.IssueAsync("portal-two", CancellationToken.None);
        var withOld = await client.CheckAuthAsync("catalog");
        using var withNew = host.NewClient(rotated.Login, rotated.Password);
        var after = await withNew.CheckAuthAsync("catalog");

        before[0].Should().Be("success");
        rotated.Login.Should().Be(issued.Login);
        withOld[0].Should().Be("failure");
        after[0].Should().Be("success");
        await using var db = host.Db();
        var stored = db.Credentials.Single(c => c.MemberId == "portal-two");
        stored.PasswordHash.Should().NotContain(rotated.Password);
        db.Sessions.Where(s => s.MemberId == "portal-two").Should().HaveCount(2, "sessions belong to the portal the login selected");
    }

    [Fact]
    public async Task A_session_cookie_of_one_portal_is_refused_with_another_portals_login()
    {
        await using var host = await ExchangeHost.StartAsync();
        var other = await host.App.Services.GetRequiredService<ExchangeCredentials>().IssueAsync("portal-two", CancellationToken.None);
        using var first = host.NewClient();
        var auth = await first.CheckAuthAsync("catalog");
        using var intruder = new HttpClient { BaseAddress = host.BaseAddress };
        intruder.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{other.Login}:{other.Password}")));
        intruder.DefaultRequestHeaders.Add("Cookie", $"{auth[1]}={auth[2]}");

        var reply = await intruder.GetStringAsync("/1c/exchange?type=catalog&mode=init");

        reply.Should().StartWith("failure\n");
    }

    [Fact]
    public async Task Missing_cookie_unknown_mode_and_unknown_type_answer_failure_lines()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");

        var unknownMode = await client.GetAsync("type=catalog&mode=frobnicate");
        var unknownType = await client.GetAsync("type=crm&mode=init");
        var wrongSessid = await client.GetAsync("type=catalog&mode=init&sessid=0000");
        client.ForgetCookie();
        var noCookie = await client.GetAsync("type=catalog&mode=init");

        unknownMode.Should().Equal("failure", "Unknown command");
        unknownType.Should().Equal("failure", "Unknown command type.");
        wrongSessid[0].Should().Be("failure");
        noCookie[0].Should().Be("failure");
        noCookie[1].Should().Contain("checkauth");
    }
}

public class OptionsAtStartTests
{
    [Theory]
    [InlineData("OneC:ImportStepBudget", "00:00:00")]
    [InlineData("OneC:FileLimitBytes", "10")]
    [InlineData("OneC:CookieName", "bad cookie;")]
    public async Task Invalid_settings_stop_the_host_at_start(string key, string value)
    {
        var start = () => ExchangeHost.StartAsync(settings: new() { [key] = value });

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain(key.Split(':')[1]);
    }
}
