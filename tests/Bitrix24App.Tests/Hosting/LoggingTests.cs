using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Tests.Fakes;
using WineB24.Bitrix24Client.Auth;
using static WineB24.Bitrix24App.Tests.Fakes.BitrixPosts;

namespace WineB24.Bitrix24App.Tests.Hosting;

public sealed class LoggingTests
{
    [Fact]
    public async Task Tokens_never_reach_the_logs_and_the_portal_is_in_scope()
    {
        await using var cloud = await FakeCloud.StartAsync();
        var logs = new CapturedLogs();
        var handler = new RecordingEventHandler();
        await using var app = await RunningApp.StartAsync(cloud, new TestManifest(), handler, logs: logs);
        var portal = cloud.AddPortal();
        var (access, refresh) = cloud.IssueTokens(portal);

        (await InstallAsync(app.Http, portal, access, refresh, "app-secret-42")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(app.Http, "ONCRMLEADADD", portal.MemberId, "app-secret-42", [P("data[FIELDS][ID]", "1")],
            [P("auth[access_token]", "event-access-secret")])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(app.Http, "ONCRMLEADADD", portal.MemberId, "forged-secret", [P("data[FIELDS][ID]", "2")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Message.Contains("dispatched")))).Should().BeTrue();
        var stored = await app.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default);

        var everything = string.Join("\n", logs.Lines.Select(l => l.Message + " " + string.Join(",", l.Scope.Values)));
        everything.Should().NotBeEmpty();
        foreach (var secret in new[] { access, refresh, stored!.AccessToken, stored.RefreshToken, "app-secret-42", "event-access-secret", "forged-secret", FakeCloud.ClientSecret })
        {
            everything.Should().NotContain(secret);
        }
        logs.Lines.Should().Contain(l => l.Message.Contains("dispatched") && l.Scope.ContainsKey("MemberId") && l.Scope["MemberId"] == portal.MemberId && l.Scope.ContainsKey("JobId"));
        logs.Lines.Should().Contain(l => l.Message.Contains("refused") && l.Message.Contains(portal.MemberId));
        logs.Lines.Should().Contain(l => l.Message.StartsWith("HTTP POST /events responded 401"));
    }
}
