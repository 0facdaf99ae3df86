using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;
using WineB24.PortalEmulator.Faults;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>A remapped price type moves its prices; what Bitrix24 refuses shows in the exchange journal.</summary>
[Collection(CatalogueCollection.Name)]
public sealed class PriceRemapAndPushErrorTests
{
    [Fact]
    public async Task Remapping_a_1C_price_type_deletes_the_rows_it_wrote_under_the_old_Bitrix24_type()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 15, warehouses: 1, priceTypes: 2, seed: 51);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        var wholesaleOld = h.Portal.Catalog.AllPrices().Select(p => (int)p["catalogGroupId"]!).Distinct().Single(t => t != 1);
        h.Portal.Catalog.PriceCount.Should().Be(30);

        // The admin moves Оптовая to a new Bitrix24 price type.
        var wholesaleNew = h.Portal.Catalog.AddPriceType("WHOLESALE2", "Опт 2");
        var prefix = $"OneC:Catalogue:Portals:{ExchangeHost.MemberId}:PriceTypes:";
        var config = (IConfigurationRoot)h.Host.App.Configuration;
        config[prefix + "Оптовая"] = wholesaleNew.ToString();
        config.Reload();
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var prices = h.Portal.Catalog.AllPrices();
        prices.Should().HaveCount(30, "each product keeps one retail and one wholesale price");
        prices.Should().NotContain(p => (int)p["catalogGroupId"]! == wholesaleOld);
        prices.Count(p => (int)p["catalogGroupId"]! == wholesaleNew).Should().Be(15);
        h.Portal.Stats.Calls("catalog.price.delete").Should().Be(15);

        var writes = h.Writes;
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        h.Writes.Should().Be(writes, "deleted rows stay deleted: nothing more to do");
    }

    [Fact]
    public async Task Prices_Bitrix24_refuses_and_a_batch_that_fails_after_retries_are_in_the_exchange_journal_once()
    {
        var prefix = $"OneC:Catalogue:Portals:{ExchangeHost.MemberId}:PriceTypes:";
        await using var h = await CatalogueHarness.StartAsync(new Dictionary<string, string?>
        {
            [prefix + "Розничная"] = "1", [prefix + "Оптовая"] = "99", // no such Bitrix24 price type
        }, mapPriceTypes: false);
        var model = CatalogueGenerator.Create(skus: 4, warehouses: 1, priceTypes: 2, seed: 52);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        var journal = h.Host.App.Services.GetRequiredService<ExchangeJournal>();
        var row = await PollAsync(async () => (await journal.RecentAsync(ExchangeHost.MemberId, 10, default))
            .FirstOrDefault(j => j.ExchangeType == CataloguePusher.JournalType));

        row.Status.Should().Be(ExchangeJournal.Failed);
        row.Errors!.Split('\n').Should().HaveCount(4).And.OnlyContain(e => e.StartsWith("price ") && e.Contains("Price type is not exists"));
        row.Files.Should().BeEmpty("a push is no 1C file: it never supersedes a failed file nor counts as an exchange");
        (await journal.LastSuccessAsync(ExchangeHost.MemberId, default))!.ExchangeType.Should().Be("catalog");

        await h.StopBackgroundPushAsync();
        await h.PushNowAsync(); // the retry fails the same way: journaled once
        (await journal.RecentAsync(ExchangeHost.MemberId, 10, default)).Count(j => j.ExchangeType == CataloguePusher.JournalType).Should().Be(1);

        h.Portal.Faults.Add(new FaultRule(FaultKind.Error, Method: "batch", Status: 503, Code: "QUERY_LIMIT_EXCEEDED", Description: "Too many requests"));
        await using (var db = h.Host.Db())
        {
            await db.CatalogueItems.Where(x => x.Kind == CatalogueKinds.Product)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PushedHash, (string?)null));
        }
        var push = () => h.PushNowAsync();
        await push.Should().ThrowAsync<Exception>();
        var batchRow = (await journal.RecentAsync(ExchangeHost.MemberId, 10, default)).First(j => j.ExchangeType == CataloguePusher.JournalType);
        batchRow.Errors.Should().Contain("Too many requests");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> read) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("not journaled within 60 s");
            }
            await Task.Delay(100);
        }
    }
}
