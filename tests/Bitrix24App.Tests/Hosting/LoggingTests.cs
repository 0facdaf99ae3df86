using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.PortalEmulator.Cloud;
using WineB24.Bitrix24Client.Auth;
using static WineB24.Bitrix24App.Tests.Support.BitrixPosts;

namespace WineB24.Bitrix24App.Tests.Hosting;

public sealed class LoggingTests
{
    [Fact]
    public async Task Tokens_never_reach_the_logs_and_the_portal_is_in_scope()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var logs = new CapturedLogs();
        var handler = new RecordingEventHandler();
        await using var app = await RunningApp.StartAsync(cloud, new TestManifest(), handler, logs: logs);
        var portal = await cloud.AddPortalAsync();

        await portal.InstallAsync(app);
        portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "1" }, userId: 1);
        await portal.FlushDeliveriesAsync();
        (await EventAsync(app.Http, "ONCRMLEADADD", portal.MemberId, "forged-secret", [P("data[FIELDS][ID]", "2")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Message.Contains("dispatched")))).Should().BeTrue();
        var stored = await app.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default);

        var everything = string.Join("\n", logs.Lines.Select(l => l.Message + " " + string.Join(",", l.Scope.Values)));
        everything.Should().NotBeEmpty();
        var posted = string.Join("&", portal.Deliveries.Select(d => d.Body));
        var postedTokens = System.Text.RegularExpressions.Regex.Matches(posted, "(?:AUTH_ID|REFRESH_ID|access_token%5D|refresh_token%5D)=([0-9a-f]+)")
            .Select(m => m.Groups[1].Value).ToList();
        postedTokens.Should().NotBeEmpty();
        foreach (var secret in postedTokens.Concat([stored!.AccessToken, stored.RefreshToken, portal.App.ApplicationToken, "forged-secret", cloud.ClientSecret]))
        {
            everything.Should().NotContain(secret);
        }
        logs.Lines.Should().Contain(l => l.Message.Contains("dispatched") && l.Scope.ContainsKey("MemberId") && l.Scope["MemberId"] == portal.MemberId && l.Scope.ContainsKey("JobId"));
        logs.Lines.Should().Contain(l => l.Message.Contains("refused") && l.Message.Contains(portal.MemberId));
        logs.Lines.Should().Contain(l => l.Message.StartsWith("HTTP POST /events responded 401"));
    }
}
