using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class EnvelopeTests
{
    [Fact]
    public async Task Success_has_result_and_full_time_block()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var answer = await f.CallAsync("user.current");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Result!["ID"]!.GetValue<string>().Should().Be("1");
        var time = answer.Body!["time"]!.AsObject();
        time.Select(kv => kv.Key).Should().BeEquivalentTo(
            "start", "finish", "duration", "processing", "date_start", "date_finish", "operating_reset_at", "operating");
        time["finish"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(time["start"]!.GetValue<double>());
        time["date_start"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$");
        time["operating"]!.GetValue<double>().Should().BeApproximately(0.01, 1e-9);
    }

    [Fact]
    public async Task Get_query_form_post_and_json_suffix_are_all_accepted()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var viaGet = await f.Http.GetAsync(new Uri(f.Portal.ClientEndpoint, $"user.admin.json?auth={f.AdminToken}"));
        var viaForm = await f.Http.PostFormAsync(new Uri(f.Portal.ClientEndpoint, "user.admin"), $"auth={f.AdminToken}");

        viaGet.Result!.GetValue<bool>().Should().BeTrue();
        viaForm.Result!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_method_is_404_method_not_found()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var answer = await f.CallAsync("crm.nothing.here");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Should().Be("ERROR_METHOD_NOT_FOUND");
    }

    [Fact]
    public async Task Missing_and_unknown_tokens_are_401()
    {
        await using var f = await EmulatorFixture.StartAsync();

        var missing = await f.Http.PostJsonAsync(new Uri(f.Portal.ClientEndpoint, "user.current"), new JsonObject());
        var unknown = await f.CallAsync("user.current", token: "0123456789abcdef");

        missing.Status.Should().Be(HttpStatusCode.Unauthorized);
        missing.Error.Should().Be("NO_AUTH_FOUND");
        unknown.Status.Should().Be(HttpStatusCode.Unauthorized);
        unknown.Error.Should().Be("invalid_token");
    }

    [Fact]
    public async Task Expired_token_is_401_expired_token()
    {
        await using var f = await EmulatorFixture.StartAsync();

        f.Portal.ExpireAllAccessTokens();
        var answer = await f.CallAsync("user.current");

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Error.Should().Be("expired_token");
    }

    [Fact]
    public async Task Webhook_calls_work_but_app_only_methods_are_refused()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var hook = f.Portal.CreateWebhook(1, "crm", "placement", "bizproc");

        var ok = await f.Http.PostJsonAsync(new Uri(hook, "crm.lead.add.json"), new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "Вебхук" } });
        var placement = await f.Http.PostJsonAsync(new Uri(hook, "placement.get"), new JsonObject());
        var appInfo = await f.Http.PostJsonAsync(new Uri(hook, "app.info"), new JsonObject());
        var wrongCode = await f.Http.PostJsonAsync(new Uri(f.Portal.ClientEndpoint, "1/deadbeef/user.current"), new JsonObject());

        ok.Status.Should().Be(HttpStatusCode.OK);
        ok.Result!.GetValue<int>().Should().Be(1);
        placement.Status.Should().Be(HttpStatusCode.Forbidden);
        placement.Error.Should().Be("WRONG_AUTH_TYPE");
        appInfo.Status.Should().Be(HttpStatusCode.Forbidden);
        appInfo.Error.Should().Be("ACCESS_DENIED");
        wrongCode.Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_without_scope_gets_insufficient_scope()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var hook = f.Portal.CreateWebhook(1, "user");

        var answer = await f.Http.PostJsonAsync(new Uri(hook, "crm.deal.list"), new JsonObject());

        answer.Status.Should().Be(HttpStatusCode.Forbidden);
        answer.Error.Should().Be("insufficient_scope");
    }

    [Fact]
    public async Task Multipart_form_posts_are_parsed_with_bracket_keys()
    {
        await using var f = await EmulatorFixture.StartAsync();
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(f.AdminToken), "auth" },
            { new StringContent("Мультипарт"), "fields[TITLE]" },
            { new StringContent("+7 900 000-00-00"), "fields[PHONE][0][VALUE]" },
        };

        using var response = await http.PostAsync(new Uri(f.Portal.ClientEndpoint, "crm.lead.add"), form);
        var lead = await f.CallAsync("crm.lead.get", new JsonObject { ["id"] = 1 });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        lead.Result!["TITLE"]!.GetValue<string>().Should().Be("Мультипарт");
        lead.Result!["PHONE"]![0]!["VALUE"]!.GetValue<string>().Should().Be("+7 900 000-00-00");
    }
}
