using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Auth;

public class LoggingTests
{
    [Fact]
    public async Task Logs_name_method_portal_and_code_but_never_tokens_secrets_or_webhook_codes()
    {
        await using var stub = await StubPortal.StartAsync();
        var time = new ManualTime { AutoAdvance = true };
        var store = new MemoryTokenStore();
        store.Put(TestClients.Tokens(stub, "old-access-TOKEN", "old-refresh-TOKEN"));
        stub.Answer(r => r.Path == "/oauth/token/"
            ? new StubReply(200, new JObject { ["access_token"] = "new-access-TOKEN", ["refresh_token"] = "new-refresh-TOKEN", ["expires_in"] = 3600 })
            : r.Path.Contains("hook-SECRET") ? StubReply.Error(403, "ACCESS_DENIED")
            : r.Json?["auth"]?.ToString() == "new-access-TOKEN" ? StubReply.Error(400, "ERROR_CORE", "bad") : StubReply.Error(401, "expired_token"));
        var logs = new CapturingLoggers();
        using var factory = new Bitrix24ClientFactory(TestClients.Options(stub), () => store, time, logs, null, null);

        await ((Func<Task>)(() => factory.ForPortal(TestClients.MemberId).CallAsync("crm.deal.add", null, CallKind.Create))).Should().ThrowAsync<Errors.CoreErrorException>();
        await ((Func<Task>)(() => factory.ForWebhook(new Uri(stub.BaseUri, "rest/1/hook-SECRET/")).CallAsync("app.info"))).Should().ThrowAsync<Errors.AccessDeniedException>();

        var all = string.Join("\n", logs.Lines);
        all.Should().Contain("crm.deal.add").And.Contain(TestClients.MemberId).And.Contain("ERROR_CORE").And.Contain("ACCESS_DENIED");
        all.Should().NotContain("TOKEN").And.NotContain("s3cr3t").And.NotContain("hook-SECRET");
    }
}
