using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Counterparties;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>A sale session's journal row waits while its file sits in the inbox and says when it reached Bitrix24.</summary>
public class SaleDeliveryJournalTests
{
    private const string Counterparties = """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1">
          <Контрагенты>
            <Контрагент><Ид>c-1</Ид><Наименование>ООО «Север»</Наименование><ИНН>7707083893</ИНН><КПП>770701001</КПП></Контрагент>
          </Контрагенты>
        </КоммерческаяИнформация>
        """;

    [Fact]
    public async Task The_session_waits_while_Bitrix24_refuses_and_is_marked_written_once_the_inbox_row_went_in()
    {
        await using var crm = await EmulatedCrm.StartAsync(memberId: ExchangeHost.MemberId);
        crm.Portal.Faults.ErrorRate(1.0); // every call fails until cleared: the inbox defers the row
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IBitrix24ClientFactory>(crm.Factory));
        using var client = host.NewClient();
        await client.CheckAuthAsync("sale");
        await client.GetAsync("type=sale&mode=init&version=3.1");
        await client.PostFileAsync("sale", "contragents___1.xml", Encoding.UTF8.GetBytes(Counterparties));

        (await client.ImportAsync("sale", "contragents___1.xml")).Last()[0].Should().Be("success");

        var waiting = await SessionAsync(host);
        waiting.AwaitingBitrix24.Should().Be((int)Bitrix24Work.Sale);
        waiting.AppliedAt.Should().BeNull();
        var inbox = host.App.Services.GetRequiredService<SaleInbox>();
        await Eventually(async () => (await InboxAsync(host)).Attempts > 0);
        (await SessionAsync(host)).AwaitingBitrix24.Should().Be((int)Bitrix24Work.Sale, "the row was deferred, nothing reached Bitrix24");

        crm.Portal.Faults.Clear();
        await using (var db = host.Db())
        {
            await db.SaleInbox.ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, 0L)); // the backoff is over
        }
        await inbox.RunOnceAsync(default);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().ContainSingle();
        var applied = await SessionAsync(host);
        applied.AwaitingBitrix24.Should().Be(0);
        applied.AppliedAt.Should().BeGreaterThanOrEqualTo(applied.AwaitingSince!.Value);
    }

    private static async Task<ExchangeJournalRecord> SessionAsync(ExchangeHost host)
    {
        await using var db = host.Db();
        return await db.Journal.AsNoTracking().SingleAsync(j => j.ExchangeType == "sale");
    }

    private static async Task<SaleInboxRecord> InboxAsync(ExchangeHost host)
    {
        await using var db = host.Db();
        return await db.SaleInbox.AsNoTracking().SingleAsync();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
