using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class BatchTests
{
    [Fact]
    public async Task References_to_earlier_results_are_resolved()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var cmd = new JsonObject
        {
            ["company"] = "crm.company.add?" + PhpForm.Build([new("fields[TITLE]", "ООО «Вино & Ко»")]),
            ["contact"] = "crm.contact.add?fields[NAME]=Иван&fields[COMPANY_ID]=$result[company]",
            ["read"] = "crm.contact.get?id=$result[contact]",
            ["list"] = "crm.contact.list?filter[COMPANY_ID]=$result[company]&select[]=ID&select[]=COMPANY_ID",
            ["first"] = "crm.contact.get?id=$result[list][0][ID]",
        };

        var answer = await f.CallAsync("batch", new JsonObject { ["cmd"] = cmd });

        answer.Status.Should().Be(HttpStatusCode.OK);
        var r = answer.Result!;
        r["result_error"]!.Should().BeOfType<JsonArray>().Which.Should().BeEmpty();
        r["result"]!["read"]!["COMPANY_ID"]!.GetValue<string>().Should().Be("1");
        r["result"]!["first"]!["NAME"]!.GetValue<string>().Should().Be("Иван");
        r["result_total"]!["list"]!.GetValue<int>().Should().Be(1);
        r["result_next"]!.Should().BeOfType<JsonArray>().Which.Should().BeEmpty();
        r["result_time"]!["read"]!["operating"].Should().NotBeNull();
        f.Portal.Crm.All(WineB24.PortalEmulator.Crm.CrmEntityType.Company).Single()["TITLE"]!.GetValue<string>().Should().Be("ООО «Вино & Ко»");
    }

    [Fact]
    public async Task Failed_commands_go_to_result_error_and_halt_stops()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var cmd = new JsonObject
        {
            ["a"] = "crm.deal.add?fields[TITLE]=A",
            ["bad"] = "crm.deal.get?id=999",
            ["c"] = "crm.deal.add?fields[TITLE]=C",
        };

        var noHalt = await f.CallAsync("batch", new JsonObject { ["cmd"] = cmd.DeepClone(), ["halt"] = 0 });
        var halt = await f.CallAsync("batch", new JsonObject { ["cmd"] = cmd.DeepClone(), ["halt"] = 1 });

        noHalt.Result!["result"]!.AsObject().Select(kv => kv.Key).Should().Equal("a", "c");
        noHalt.Result!["result_error"]!["bad"]!["error"]!.GetValue<string>().Should().Be("NOT_FOUND");
        halt.Result!["result"]!.AsObject().Select(kv => kv.Key).Should().Equal("a");
        halt.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Array_cmd_gives_array_results_and_form_encoded_batches_work()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var form = PhpForm.Build([
            new("auth", f.AdminToken),
            new("cmd[0]", "crm.lead.add?" + PhpForm.Build([new("fields[TITLE]", "Первый лид")])),
            new("cmd[1]", "crm.lead.get?id=$result[0]"),
        ]);

        var answer = await f.Http.PostFormAsync(new Uri(f.Portal.ClientEndpoint, "batch"), form);

        var results = answer.Result!["result"]!.AsArray();
        results[0]!.GetValue<int>().Should().Be(1);
        results[1]!["TITLE"]!.GetValue<string>().Should().Be("Первый лид");
    }

    [Fact]
    public async Task More_than_fifty_commands_is_rejected()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var cmd = new JsonObject();
        for (var i = 0; i < 51; i++)
        {
            cmd["c" + i] = "user.admin";
        }

        var answer = await f.CallAsync("batch", new JsonObject { ["cmd"] = cmd });

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Error.Should().Be("ERROR_BATCH_LENGTH_EXCEEDED");
        f.Portal.Stats.Calls("user.admin").Should().Be(0);
    }

    [Fact]
    public async Task Nested_batch_is_not_allowed()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var answer = await f.CallAsync("batch", new JsonObject { ["cmd"] = new JsonObject { ["x"] = "batch?cmd[y]=user.admin" } });

        answer.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        answer.Error.Should().Be("ERROR_BATCH_METHOD_NOT_ALLOWED");
    }
}
