using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>
/// The sale inbox applies several portals' rows at once: a portal stuck on Bitrix24 (held request) or failing
/// (deferred row) never holds back another's; a portal's own rows stay in arrival order.
/// </summary>
public class ConcurrentPortalsSaleInboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string Counterparty(string name) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1">
          <Контрагенты>
            <Контрагент><Ид>c-1</Ид><Наименование>{name}</Наименование><ИНН>7707083893</ИНН><КПП>770701001</КПП></Контрагент>
          </Контрагенты>
        </КоммерческаяИнформация>
        """;

    [Fact]
    public async Task Portal_B_rows_go_in_while_portal_A_is_stuck_on_its_first_Bitrix24_call()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 2, maxConcurrentPortals: 4);
        var holdA = h.Portals[0].Faults.Hold();

        await SendAsync(h, 0, "contragents___1.xml", Counterparty("ООО «Север»"));
        await holdA.WaitUntilHeldAsync(Patience);
        await SendAsync(h, 1, "contragents___1.xml", Counterparty("ООО «Юг»"));
        await PortalsHarness.Until(async () => await InboxCountAsync(h, 1) == 0, "portal B's inbox to drain");

        h.Portals[1].Crm.All(CrmEntityType.Company).Select(c => (string?)c["TITLE"]).Should().Equal("ООО «Юг»");
        holdA.Held.Should().Be(1);
        h.Portals[0].Crm.All(CrmEntityType.Company).Should().BeEmpty();
        (await InboxCountAsync(h, 0)).Should().Be(1, "portal A's row waits for its held call");

        holdA.Release();
        await PortalsHarness.Until(async () => await InboxCountAsync(h, 0) == 0, "portal A's inbox to drain");
        h.Portals[0].Crm.All(CrmEntityType.Company).Select(c => (string?)c["TITLE"]).Should().Equal("ООО «Север»");
    }

    [Fact]
    public async Task No_more_portals_than_the_limit_are_applied_at_once()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 3, maxConcurrentPortals: 2);
        var holds = h.Portals.Select(p => p.Faults.Hold()).ToList();

        await SendAsync(h, 0, "contragents___1.xml", Counterparty("ООО «Север»"));
        await SendAsync(h, 1, "contragents___1.xml", Counterparty("ООО «Юг»"));
        await holds[0].WaitUntilHeldAsync(Patience);
        await holds[1].WaitUntilHeldAsync(Patience);
        await SendAsync(h, 2, "contragents___1.xml", Counterparty("ООО «Восток»"));
        await PortalsHarness.Until(() => Task.FromResult(h.Logged(2, "waits for a slot")), "portal C to wait for a slot");

        holds[2].Held.Should().Be(0, "both slots are taken");
        holds[0].Release();
        await holds[2].WaitUntilHeldAsync(Patience);
        (await InboxCountAsync(h, 0)).Should().Be(0, "C got A's slot once A's run had ended");
        h.Portals[1].Crm.All(CrmEntityType.Company).Should().BeEmpty("B is still held");

        holds[1].Release();
        holds[2].Release();
        await PortalsHarness.Until(async () => await InboxCountAsync(h, 1) + await InboxCountAsync(h, 2) == 0, "every inbox to drain");
        h.Portals.Should().OnlyContain(p => p.Crm.All(CrmEntityType.Company).Count == 1);
    }

    [Fact]
    public async Task A_failing_portal_defers_only_its_own_rows_which_later_go_in_in_arrival_order()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 2, maxConcurrentPortals: 2);
        h.Portals[0].Faults.ErrorRate(1.0); // every call to portal A fails until cleared
        var inbox = h.Host.App.Services.GetRequiredService<SaleInbox>();

        await SendAsync(h, 0, "contragents___1.xml", Counterparty("ООО «Север»"));
        h.Host.Time.Advance(TimeSpan.FromSeconds(1)); // the host's clock stands still: the second file arrives later
        await SendAsync(h, 0, "contragents___2.xml", Counterparty("ООО «Северный ветер»"));
        await SendAsync(h, 1, "contragents___1.xml", Counterparty("ООО «Юг»"));
        await inbox.RunOnceAsync(default);

        (await InboxCountAsync(h, 1)).Should().Be(0, "portal A's failures did not hold portal B back");
        h.Portals[1].Crm.All(CrmEntityType.Company).Should().ContainSingle();
        await using (var db = h.Host.Db())
        {
            var rows = await db.SaleInbox.AsNoTracking().Where(r => r.MemberId == h.Portals[0].MemberId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync();
            rows.Should().HaveCount(2);
            rows[0].Attempts.Should().BePositive();
            rows[1].Attempts.Should().Be(0, "the later row waits behind the deferred one, untried");
        }

        h.Portals[0].Faults.Clear();
        await using (var db = h.Host.Db())
        {
            await db.SaleInbox.ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, 0L)); // the backoff is over
        }
        await inbox.RunOnceAsync(default);
        await PortalsHarness.Until(async () => await InboxCountAsync(h, 0) == 0, "portal A's inbox to drain");

        h.Portals[0].Crm.All(CrmEntityType.Company).Select(c => (string?)c["TITLE"]).Should()
            .Equal(["ООО «Северный ветер»"], "the second file, applied after the first, has the last word");
    }

    private static async Task SendAsync(PortalsHarness h, int portal, string file, string xml)
    {
        using var client = h.OneC(portal);
        await client.CheckAuthAsync("sale");
        await client.GetAsync("type=sale&mode=init&version=3.1");
        await client.PostFileAsync("sale", file, Encoding.UTF8.GetBytes(xml));
        (await client.ImportAsync("sale", file)).Last()[0].Should().Be("success");
    }

    private static async Task<int> InboxCountAsync(PortalsHarness h, int portal)
    {
        await using var db = h.Host.Db();
        return await db.SaleInbox.CountAsync(r => r.MemberId == h.Portals[portal].MemberId);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public async Task A_sale_inbox_limit_out_of_range_stops_the_app_at_start(string limit)
    {
        var start = () => ExchangeHost.StartAsync(settings: new Dictionary<string, string?> { ["OneC:SaleInbox:MaxConcurrentPortals"] = limit });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxConcurrentPortals");
    }
}
