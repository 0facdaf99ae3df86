using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Bizproc;

public sealed class RobotTests
{
    private static JsonObject Robot(string code, string handler) => new()
    {
        ["CODE"] = code,
        ["HANDLER"] = handler,
        ["AUTH_USER_ID"] = 1,
        ["NAME"] = new JsonObject { ["ru"] = "Регион по территории", ["en"] = "Region by territory" },
        ["PROPERTIES"] = new JsonObject { ["REGION"] = new JsonObject { ["Name"] = "Регион", ["Type"] = "string" } },
        ["RETURN_PROPERTIES"] = new JsonObject { ["RegionCode"] = new JsonObject { ["Name"] = "Код", ["Type"] = "string" } },
    };

    [Fact]
    public async Task Robot_add_validates_and_refuses_duplicates()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var hook = f.Portal.CreateWebhook(1);

        var ok = await f.CallAsync("bizproc.robot.add", Robot("region____prod", "http://127.0.0.1:1/robot"));
        var again = await f.CallAsync("bizproc.robot.add", Robot("region____prod", "http://127.0.0.1:1/robot"));
        var badCode = await f.CallAsync("bizproc.robot.add", Robot("регион", "http://127.0.0.1:1/robot"));
        var badHandler = await f.CallAsync("bizproc.robot.add", Robot("x", "ftp://host/robot"));
        var noName = Robot("y", "http://127.0.0.1:1/r");
        noName.Remove("NAME");
        var missingName = await f.CallAsync("bizproc.robot.add", noName);
        var badKey = Robot("z", "http://127.0.0.1:1/r");
        badKey["PROPERTIES"] = new JsonObject { ["1BAD"] = new JsonObject { ["Name"] = "x" } };
        var wrongKey = await f.CallAsync("bizproc.robot.add", badKey);
        var viaHook = await f.Http.PostJsonAsync(new Uri(hook, "bizproc.robot.add"), Robot("w", "http://127.0.0.1:1/r"));
        var list = await f.CallAsync("bizproc.robot.list");

        ok.Result!.GetValue<bool>().Should().BeTrue();
        again.Error.Should().Be("ERROR_ACTIVITY_ALREADY_INSTALLED");
        badCode.Error.Should().Be("ERROR_ACTIVITY_VALIDATION_FAILURE");
        badHandler.Error.Should().Be("ERROR_UNSUPPORTED_PROTOCOL");
        missingName.Error.Should().Be("ERROR_ACTIVITY_VALIDATION_FAILURE");
        wrongKey.Error.Should().Be("ERROR_ACTIVITY_VALIDATION_FAILURE");
        viaHook.Status.Should().Be(HttpStatusCode.Forbidden);
        list.Result!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("region____prod");
    }

    [Fact]
    public async Task Robot_call_is_posted_and_event_send_is_accepted_once()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();
        await f.CallAsync("bizproc.robot.add", Robot("region", app.Url("robot").ToString()));
        f.Portal.FinishInstall();

        var token = await f.Portal.RunRobotAsync("region", "DEAL_5531", new JsonObject { ["REGION"] = "Краснодарский край", ["TAGS"] = new JsonArray("vip", "export") });
        var post = app.Requests.Single().Form;
        var robotToken = post["auth"]!["access_token"]!.GetValue<string>();
        var log = await f.CallAsync("bizproc.activity.log", new JsonObject { ["EVENT_TOKEN"] = token, ["LOG_MESSAGE"] = "работаю" }, robotToken);
        var send = await f.CallAsync("bizproc.event.send", new JsonObject
        {
            ["EVENT_TOKEN"] = token,
            ["RETURN_VALUES"] = new JsonObject { ["RegionCode"] = "RU-KDA" },
            ["LOG_MESSAGE"] = "Регион определён",
        }, robotToken);
        var second = await f.CallAsync("bizproc.event.send", new JsonObject { ["EVENT_TOKEN"] = token }, robotToken);
        var forged = await f.CallAsync("bizproc.event.send", new JsonObject { ["EVENT_TOKEN"] = token + "x" }, robotToken);
        var result = await f.Portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(5));

        post["document_id"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("crm", "CCrmDocumentDeal", "DEAL_5531");
        post["document_type"]![2]!.GetValue<string>().Should().Be("DEAL");
        post["properties"]!["TAGS"]![1]!.GetValue<string>().Should().Be("export");
        post["event_token"]!.GetValue<string>().Should().Be(token);
        post["auth"]!["application_token"]!.GetValue<string>().Should().Be(f.Portal.App.ApplicationToken);
        post["use_subscription"]!.GetValue<string>().Should().Be("Y");
        log.Result!.GetValue<bool>().Should().BeTrue();
        send.Result!.GetValue<bool>().Should().BeTrue();
        second.Status.Should().Be(HttpStatusCode.Forbidden);
        second.Error.Should().Be("ACCESS_DENIED");
        forged.Error.Should().Be("ACCESS_DENIED");
        result.ReturnValues["RegionCode"]!.GetValue<string>().Should().Be("RU-KDA");
        result.LogMessage.Should().Be("Регион определён");
        result.Log.Should().Equal("работаю");
        f.Portal.RobotResults.Should().ContainSingle();
    }
}
