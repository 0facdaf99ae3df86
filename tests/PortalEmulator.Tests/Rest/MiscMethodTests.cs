using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Tests.Support;
using WineB24.PortalEmulator.Time;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class MiscMethodTests
{
    [Fact]
    public async Task App_without_a_scope_gets_insufficient_scope()
    {
        await using var f = await EmulatorFixture.StartAsync(cloudOptions: new CloudOptions { Scope = "crm,placement" });

        var robots = await f.CallAsync("bizproc.robot.list");
        var deals = await f.CallAsync("crm.deal.list");

        robots.Status.Should().Be(HttpStatusCode.Forbidden);
        robots.Error.Should().Be("insufficient_scope");
        deals.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Users_profile_and_statuses()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var ivan = f.Portal.AddUser("Иван", admin: false, lastName: "Петров");

        var all = await f.CallAsync("user.get");
        var one = await f.CallAsync("user.get", new JsonObject { ["ID"] = ivan.Id });
        var profile = await f.CallAsync("profile", token: f.Portal.IssueTokens(ivan.Id).AccessToken);
        var stages = await f.CallAsync("crm.status.list", new JsonObject { ["filter"] = new JsonObject { ["ENTITY_ID"] = "DEAL_STAGE" } });
        var categories = await f.CallAsync("crm.category.list", new JsonObject { ["entityTypeId"] = 2 });

        all.Result!.AsArray().Should().HaveCount(2);
        one.Result!.AsArray().Single()!["LAST_NAME"]!.GetValue<string>().Should().Be("Петров");
        profile.Result!["ADMIN"]!.GetValue<bool>().Should().BeFalse();
        stages.Result!.AsArray().Select(s => s!["STATUS_ID"]!.GetValue<string>()).Should().StartWith("NEW").And.Contain("WON");
        stages.Result!.AsArray().Single(s => s!["STATUS_ID"]!.GetValue<string>() == "WON")!["SEMANTICS"]!.GetValue<string>().Should().Be("S");
        categories.Result!["categories"]![0]!["isDefault"]!.GetValue<string>().Should().Be("Y");
    }

    [Fact]
    public async Task Timeline_comment_needs_an_existing_entity()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var deal = (await f.CallAsync("crm.deal.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "D" } })).Result!.GetValue<int>();

        var ok = await f.CallAsync("crm.timeline.comment.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = "Долг 1С: 12 000 ₽" } });
        var missing = await f.CallAsync("crm.timeline.comment.add", new JsonObject { ["fields"] = new JsonObject { ["ENTITY_ID"] = 999, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = "x" } });

        ok.Result!.GetValue<int>().Should().Be(1);
        f.Portal.Crm.TimelineComments[1]["COMMENT"]!.GetValue<string>().Should().Be("Долг 1С: 12 000 ₽");
        missing.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Latency_is_added_in_emulated_time()
    {
        var clock = new ScaledTimeProvider(1000);
        await using var f = await EmulatorFixture.StartAsync(cloudOptions: new CloudOptions { Time = clock });
        f.Portal.Faults.Latency = TimeSpan.FromSeconds(20);
        var start = clock.GetTimestamp();

        var answer = await f.CallAsync("user.admin");

        answer.Status.Should().Be(HttpStatusCode.OK);
        clock.GetElapsedTime(start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(19));
    }

    [Fact]
    public async Task Application_page_is_posted_with_default_placement_once_installed()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();

        var early = async () => await f.Portal.OpenApplicationAsync(app.Url("placements/default"));
        await early.Should().ThrowAsync<InvalidOperationException>();
        f.Portal.FinishInstall();
        await f.Portal.OpenApplicationAsync(app.Url("placements/default"), lang: "en");

        var post = app.Requests.Single();
        post.Form["PLACEMENT"]!.GetValue<string>().Should().Be("DEFAULT");
        post.Form.ContainsKey("PLACEMENT_OPTIONS").Should().BeFalse();
        post.Query["LANG"]!.GetValue<string>().Should().Be("en");
    }

    [Fact]
    public async Task App_options_are_set_by_admins_and_survive_uninstall_without_clean()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var user = f.Portal.AddUser("Сотрудник");

        await f.CallAsync("app.option.set", new JsonObject { ["options"] = new JsonObject { ["territory"] = "Юг", ["limit"] = 5 } });
        var denied = await f.CallAsync("app.option.set", new JsonObject { ["options"] = new JsonObject { ["x"] = 1 } }, f.Portal.IssueTokens(user.Id).AccessToken);
        var one = await f.CallAsync("app.option.get", new JsonObject { ["option"] = "territory" });
        var missing = await f.CallAsync("app.option.get", new JsonObject { ["option"] = "nope" });
        f.Portal.FinishInstall();
        f.Portal.Uninstall(clean: false);
        var token = f.Portal.IssueTokens(1).AccessToken;
        var kept = await f.CallAsync("app.option.get", token: token);

        denied.Error.Should().Be("ACCESS_DENIED");
        one.Result!.GetValue<string>().Should().Be("Юг");
        missing.Result.Should().BeNull();
        kept.Result!["limit"]!.GetValue<int>().Should().Be(5);
    }
}
