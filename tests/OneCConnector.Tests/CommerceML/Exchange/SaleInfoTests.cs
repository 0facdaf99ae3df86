using FluentAssertions;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

/// <summary>
/// <c>mode=info</c> (Bitrix's dictionary of statuses and payment systems) is deliberately not answered: УТ 11.5 never
/// asks for it, and the app has no site-side statuses to list. It fails like any unknown mode and breaks nothing.
/// </summary>
public class SaleInfoTests
{
    [Fact]
    public async Task Info_is_an_unknown_command_and_the_session_goes_on_to_query()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("sale");
        await client.GetAsync("type=sale&mode=init");

        var info = await client.GetAsync("type=sale&mode=info");
        var query = await client.GetRawAsync("type=sale&mode=query");

        info.Should().Equal("failure", "Unknown command");
        System.Text.Encoding.UTF8.GetString(query).Should().StartWith("<?xml");
    }
}
