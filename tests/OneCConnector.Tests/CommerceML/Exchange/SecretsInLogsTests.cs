using System.Text;
using FluentAssertions;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

public class SecretsInLogsTests
{
    [Fact]
    public async Task Passwords_session_cookies_and_sessid_never_reach_the_connectors_logs()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        using var wrong = host.NewClient(password: "wrong-secret-9876");
        await wrong.CheckAuthAsync("catalog");
        var auth = await client.CheckAuthAsync("catalog");
        var sessid = auth[3]["sessid=".Length..];
        await client.GetAsync($"type=catalog&mode=init&sessid={sessid}");
        await client.PostFileAsync("catalog", "offers.xml", File.ReadAllBytes(Fixture.PathOf("umi-cms/offers.xml")));
        await client.PostFileAsync("catalog", "broken.xml", Encoding.UTF8.GetBytes("<КоммерческаяИнформация><Каталог>"));
        await client.ImportAsync("catalog", "offers.xml");
        await client.ImportAsync("catalog", "broken.xml");

        var connectorLines = host.Logs.Lines.Where(l => l.Category.StartsWith("WineB24", StringComparison.Ordinal)).Select(l => l.Text).ToList();

        connectorLines.Should().Contain(l => l.Contains("offers.xml"), "imports are logged");
        connectorLines.Should().NotContain(l => l.Contains(auth[2]) || l.Contains(sessid) || l.Contains(ExchangeHost.Password) || l.Contains("wrong-secret-9876"));
    }
}
