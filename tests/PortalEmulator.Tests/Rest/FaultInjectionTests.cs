using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Injected_errors_answer_with_the_given_code_then_stop()
    {
        await using var f = await EmulatorFixture.StartAsync();
        f.Portal.Faults.FailNext(2, 500, "INTERNAL_SERVER_ERROR");

        var a = await f.CallAsync("user.admin");
        var b = await f.CallAsync("user.admin");
        var c = await f.CallAsync("user.admin");

        a.Status.Should().Be(HttpStatusCode.InternalServerError);
        b.Error.Should().Be("INTERNAL_SERVER_ERROR");
        c.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Error_rate_is_drawn_per_request()
    {
        await using var f = await EmulatorFixture.StartAsync(new() { Burst = 1000 });
        f.Portal.Faults.ErrorRate(0.5, 503, "QUERY_LIMIT_EXCEEDED", "Too many requests");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await f.CallAsync("user.admin")).Status);
        }

        statuses.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Dropped_connection_does_not_execute_but_drop_after_executing_does()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var add = new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "x" } };

        f.Portal.Faults.DropNext(1, "crm.lead.add");
        var dropped = async () => await f.CallAsync("crm.lead.add", add.DeepClone().AsObject());
        await dropped.Should().ThrowAsync<HttpRequestException>();
        var afterDrop = f.Portal.Crm.All(CrmEntityType.Lead).Count;

        f.Portal.Faults.DropAfterExecutingNext(1, "crm.lead.add");
        var lost = async () => await f.CallAsync("crm.lead.add", add.DeepClone().AsObject());
        await lost.Should().ThrowAsync<HttpRequestException>();

        afterDrop.Should().Be(0);
        f.Portal.Crm.All(CrmEntityType.Lead).Should().HaveCount(1);
    }

    [Fact]
    public async Task Admin_only_methods_refuse_other_users()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var user = f.Portal.AddUser("Сотрудник");
        var token = f.Portal.IssueTokens(user.Id).AccessToken;

        var placement = await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "LEFT_MENU", ["HANDLER"] = "http://127.0.0.1:1/x" }, token);
        var trigger = await f.CallAsync("crm.automation.trigger.add", new JsonObject { ["CODE"] = "paid", ["NAME"] = "Оплачено" }, token);
        var isAdmin = await f.CallAsync("user.admin", token: token);

        placement.Status.Should().Be(HttpStatusCode.Forbidden);
        placement.Error.Should().Be("ACCESS_DENIED");
        trigger.Error.Should().Be("ACCESS_DENIED");
        isAdmin.Result!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Triggers_register_rename_execute_and_fail_with_empty_error_code()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var deal = (await f.CallAsync("crm.deal.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "T" } })).Result!.GetValue<int>();

        await f.CallAsync("crm.automation.trigger.add", new JsonObject { ["CODE"] = "paid_1c", ["NAME"] = "Оплата" });
        await f.CallAsync("crm.automation.trigger.add", new JsonObject { ["CODE"] = "paid_1c", ["NAME"] = "Оплата из 1С" });
        var run = await f.CallAsync("crm.automation.trigger.execute", new JsonObject { ["CODE"] = "paid_1c", ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal });
        var unknown = await f.CallAsync("crm.automation.trigger.execute", new JsonObject { ["CODE"] = "nope", ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal });
        var list = await f.CallAsync("crm.automation.trigger.list");

        run.Result!.GetValue<bool>().Should().BeTrue();
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        unknown.Error.Should().Be("");
        list.Result!.AsArray().Single()!["NAME"]!.GetValue<string>().Should().Be("Оплата из 1С");
        f.Portal.Triggers.Executed.Should().ContainSingle().Which.Should().Be(("paid_1c", 2, deal));
    }
}
