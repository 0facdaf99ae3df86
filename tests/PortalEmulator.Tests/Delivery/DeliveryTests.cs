using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Delivery;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Installer_post_carries_query_and_tokens_that_work()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();

        var response = await f.Portal.PostInstallerAsync(app.Url("install"), userId: 1, lang: "en");

        response.Status.Should().Be(200);
        var post = app.Requests.Single();
        post.Path.Should().Be("/install");
        post.Query["DOMAIN"]!.GetValue<string>().Should().Be(f.Portal.Domain);
        post.Query["PROTOCOL"]!.GetValue<string>().Should().Be("0");
        post.Query["LANG"]!.GetValue<string>().Should().Be("en");
        post.Query["APP_SID"].Should().NotBeNull();
        post.Form["member_id"]!.GetValue<string>().Should().Be(f.Portal.MemberId);
        post.Form["PLACEMENT"]!.GetValue<string>().Should().Be("DEFAULT");
        post.Form["SERVER_ENDPOINT"]!.GetValue<string>().Should().Be(f.Cloud.ServerEndpoint.ToString());
        post.Form["APPLICATION_TOKEN"]!.GetValue<string>().Should().Be(f.Portal.App.ApplicationToken);
        post.Form["AUTH_EXPIRES"]!.GetValue<string>().Should().Be("3600");
        post.RawBody.Should().Contain("SERVER_ENDPOINT=http%3A%2F%2F127.0.0.1");
        var call = await f.CallAsync("user.current", token: post.Form["AUTH_ID"]!.GetValue<string>());
        call.Result!["ID"]!.GetValue<string>().Should().Be("1");
        f.Portal.App.State.Should().Be(AppState.Installing);
    }

    [Fact]
    public async Task Events_flow_only_after_finish_install_starting_with_onappinstall()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONAPPINSTALL", ["handler"] = app.Url("events").ToString() });
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "onCrmLeadAdd", ["handler"] = app.Url("events").ToString() });

        await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "до установки" } });
        await f.Portal.FlushDeliveriesAsync();
        var beforeFinish = app.Requests.Count;
        f.Portal.FinishInstall();
        var leadId = (await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "после" } })).Result!.GetValue<int>();
        await f.Portal.FlushDeliveriesAsync();

        beforeFinish.Should().Be(0);
        app.Requests.Select(r => r.Form["event"]!.GetValue<string>()).Should().Equal("ONAPPINSTALL", "ONCRMLEADADD");
        var install = app.Requests[0].Form;
        install["data"]!["VERSION"]!.GetValue<string>().Should().Be("1");
        install["auth"]!["application_token"]!.GetValue<string>().Should().Be(f.Portal.App.ApplicationToken);
        install["auth"]!["refresh_token"].Should().NotBeNull();
        install["auth"]!["client_endpoint"]!.GetValue<string>().Should().Be(f.Portal.ClientEndpoint.ToString());
        var lead = app.Requests[1].Form;
        lead["data"]!["FIELDS"]!["ID"]!.GetValue<string>().Should().Be(leadId.ToString());
        lead["auth"]!["access_token"].Should().NotBeNull();
        lead["event_handler_id"].Should().NotBeNull();
        app.Requests[1].RawBody.Should().Contain("data%5BFIELDS%5D%5BID%5D=");
    }

    [Fact]
    public async Task Raised_event_without_user_has_no_tokens_and_duplicate_bind_is_refused()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();
        var bind = new JsonObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = app.Url("e").ToString() };
        await f.CallAsync("event.bind", bind.DeepClone().AsObject());
        var duplicate = await f.CallAsync("event.bind", bind.DeepClone().AsObject());
        var unknown = await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONSOMETHING", ["handler"] = app.Url("e").ToString() });
        f.Portal.FinishInstall();

        f.Portal.RaiseEvent("ONCRMDEALUPDATE", new JsonObject { ["ID"] = "7" });
        await f.Portal.FlushDeliveriesAsync();

        duplicate.Error.Should().Be("ERROR_CORE");
        duplicate.Body!["error_description"]!.GetValue<string>().Should().Be("Handler already binded");
        unknown.Error.Should().Be("ERROR_EVENT_NOT_FOUND");
        var auth = app.Requests.Single().Form["auth"]!.AsObject();
        auth.ContainsKey("access_token").Should().BeFalse();
        auth["member_id"]!.GetValue<string>().Should().Be(f.Portal.MemberId);
    }

    [Fact]
    public async Task Update_sends_new_application_token_and_uninstall_cleans_up()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();
        foreach (var e in new[] { "ONAPPUPDATE", "ONAPPUNINSTALL" })
        {
            await f.CallAsync("event.bind", new JsonObject { ["event"] = e, ["handler"] = app.Url("life").ToString() });
        }
        await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "CRM_DEAL_DETAIL_TAB", ["HANDLER"] = app.Url("tab").ToString(), ["TITLE"] = "1С" });
        f.Portal.FinishInstall();
        var firstToken = f.Portal.App.ApplicationToken;

        f.Portal.UpdateApp(2);
        await f.Portal.FlushDeliveriesAsync();
        var secondToken = f.Portal.App.ApplicationToken;
        f.Portal.Uninstall(clean: true);
        await f.Portal.FlushDeliveriesAsync();

        secondToken.Should().NotBe(firstToken);
        var update = app.Requests[0].Form;
        update["data"]!["PREVIOUS_VERSION"]!.GetValue<string>().Should().Be("1");
        update["auth"]!["application_token"]!.GetValue<string>().Should().Be(secondToken);
        var uninstall = app.Requests[1].Form;
        uninstall["event"]!.GetValue<string>().Should().Be("ONAPPUNINSTALL");
        uninstall["data"]!["CLEAN"]!.GetValue<string>().Should().Be("1");
        uninstall["auth"]!.AsObject().ContainsKey("access_token").Should().BeFalse();
        uninstall["auth"]!["application_token"]!.GetValue<string>().Should().Be(secondToken);
        f.Portal.Placements.Bindings.Should().BeEmpty();
        f.Portal.Events.Bindings.Should().BeEmpty();
    }

    [Fact]
    public async Task Placement_frame_post_goes_to_the_bound_handler()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await using var app = await AppReceiver.StartAsync();
        var bad = await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "CRM_WINE_TAB", ["HANDLER"] = app.Url("tab").ToString() });
        var badUrl = await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "CRM_DEAL_DETAIL_TAB", ["HANDLER"] = "/relative" });
        var noHandler = await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "CRM_DEAL_DETAIL_TAB" });
        await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "CRM_DEAL_DETAIL_TAB", ["HANDLER"] = app.Url("tab").ToString(), ["TITLE"] = "1С" });
        await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "PAGE_BACKGROUND_WORKER", ["HANDLER"] = app.Url("bg").ToString() });
        var second = await f.CallAsync("placement.bind", new JsonObject { ["PLACEMENT"] = "PAGE_BACKGROUND_WORKER", ["HANDLER"] = app.Url("bg2").ToString() });
        f.Portal.FinishInstall();

        await f.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", "{\"ID\":\"5531\"}", lang: "ru");
        var listed = await f.CallAsync("placement.get");

        bad.Error.Should().Be("ERROR_PLACEMENT_NOT_FOUND");
        badUrl.Error.Should().Be("ERROR_WRONG_HANDLER_URL");
        noHandler.Status.Should().Be(HttpStatusCode.OK);
        noHandler.Error.Should().Be("ERROR_ARGUMENT");
        noHandler.Body!["argument"]!.GetValue<string>().Should().Be("HANDLER");
        second.Status.Should().Be(HttpStatusCode.OK);
        second.Error.Should().Be("ERROR_PLACEMENT_MAX_COUNT");
        var post = app.Requests.Single();
        post.Form["PLACEMENT"]!.GetValue<string>().Should().Be("CRM_DEAL_DETAIL_TAB");
        post.Form["PLACEMENT_OPTIONS"]!.GetValue<string>().Should().Be("{\"ID\":\"5531\"}");
        listed.Result![0]!["title"]!.GetValue<string>().Should().Be("1С");
    }

    [Fact]
    public async Task Unbind_matches_omitted_parameters_broadly_and_auth_type_zero_narrowly()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var handler = "http://127.0.0.1:9/events";
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMDEALADD", ["handler"] = handler });
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMDEALADD", ["handler"] = handler, ["auth_type"] = 1 });
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = handler });

        var userless = await f.CallAsync("event.unbind", new JsonObject { ["event"] = "ONCRMDEALADD", ["handler"] = handler, ["auth_type"] = 0 });
        var rest = await f.CallAsync("event.unbind", new JsonObject { ["event"] = "ONCRMDEALADD" });
        var listed = await f.CallAsync("event.get");

        userless.Result!["count"]!.GetValue<int>().Should().Be(1);
        rest.Result!["count"]!.GetValue<int>().Should().Be(1);
        listed.Result!.AsArray().Select(b => b!["event"]!.GetValue<string>()).Should().Equal("ONCRMDEALUPDATE");
        listed.Result![0]!["handler"]!.GetValue<string>().Should().Be(handler);
    }
}
