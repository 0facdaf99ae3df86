using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>
/// Bitrix24's limits are per portal: the push worker pushes several portals at once (up to
/// <c>OneC:Catalogue:MaxConcurrentPortals</c>), never one portal twice at once. Ordering is proven with the emulator's
/// request holds (a held portal cannot finish), never with timings.
/// </summary>
public class ConcurrentPortalsPushTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Portal_B_is_pushed_to_the_end_while_portal_A_push_is_held_on_its_first_request()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 2, maxConcurrentPortals: 4);
        var holdA = h.Portals[0].Faults.Hold();
        var model = CatalogueGenerator.Create(skus: 40, warehouses: 2, priceTypes: 1, seed: 31);

        (await h.ExchangeAsync(0, model)).Succeeded.Should().BeTrue();
        await holdA.WaitUntilHeldAsync(Patience);
        (await h.ExchangeAsync(1, model)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync(1);

        h.Portals[1].Catalog.ProductCount.Should().Be(40, "portal B did not wait behind portal A");
        holdA.Released.Should().BeFalse();
        holdA.Held.Should().Be(1, "A's push is still waiting on its first request");
        (await h.PendingAsync(0)).Should().BePositive();
        h.Portals[0].Catalog.ProductCount.Should().Be(0);

        holdA.Release();
        await h.WaitForPushAsync(0);
        h.Portals[0].Catalog.ProductCount.Should().Be(40);
        h.Portals[0].Catalog.AllProducts().Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems();
        h.Portals[1].Catalog.AllProducts().Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task No_more_portals_than_the_limit_are_pushed_at_once_and_a_waiting_portal_takes_the_first_free_slot()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 3, maxConcurrentPortals: 2);
        var holds = h.Portals.Select(p => p.Faults.Hold()).ToList();
        var members = h.Portals.Select(p => p.MemberId).ToList();
        var model = CatalogueGenerator.Create(skus: 20, warehouses: 1, priceTypes: 1, seed: 32);

        (await h.ExchangeAsync(0, model)).Succeeded.Should().BeTrue();
        (await h.ExchangeAsync(1, model)).Succeeded.Should().BeTrue();
        await holds[0].WaitUntilHeldAsync(Patience);
        await holds[1].WaitUntilHeldAsync(Patience);
        (await h.ExchangeAsync(2, model)).Succeeded.Should().BeTrue();
        // The worker saw portal C due while both slots were taken, and said so instead of starting it.
        await PortalsHarness.Until(() => Task.FromResult(h.Logged(2, "waits for a slot")), "portal C to wait for a slot");

        holds[2].Held.Should().Be(0, "portal C was not started");
        (await h.PushingAsync()).Should().BeEquivalentTo([members[0], members[1]]);

        holds[0].Release();
        await holds[2].WaitUntilHeldAsync(Patience);
        (await h.PendingAsync(0)).Should().Be(0, "C got A's slot only when A's push had ended");
        (await h.PushingAsync()).Should().BeEquivalentTo([members[1], members[2]]);
        h.Portals[2].Catalog.ProductCount.Should().Be(0);

        holds[1].Release();
        holds[2].Release();
        await h.WaitForPushAsync(1);
        await h.WaitForPushAsync(2);
        h.Portals.Should().OnlyContain(p => p.Catalog.ProductCount == 20);
        await PortalsHarness.Until(async () => (await h.PushingAsync()).Count == 0, "every lease to be released");
    }

    [Fact]
    public async Task A_portal_signalled_during_its_push_is_pushed_again_after_it_never_twice_at_once()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 1, maxConcurrentPortals: 4);
        var hold = h.Portals[0].Faults.Hold();
        var model = CatalogueGenerator.Create(skus: 30, warehouses: 1, priceTypes: 1, seed: 33);
        (await h.ExchangeAsync(0, model)).Succeeded.Should().BeTrue();
        await hold.WaitUntilHeldAsync(Patience);

        var (changed, priceChanges, _, _) = CatalogueGenerator.ChangeFraction(model, 1.0);
        priceChanges.Should().BePositive();
        (await h.ExchangeAsync(0, changed)).Succeeded.Should().BeTrue();
        await PortalsHarness.Until(() => Task.FromResult(h.Logged(0, "is due again")), "the worker to see the portal due again");

        hold.Held.Should().Be(1, "only the first push is sending, one request at a time");
        hold.Release();
        await h.WaitForPushAsync(0);

        h.Logged(0, "another instance is pushing").Should().BeFalse("the worker never started a second push of a portal it was pushing");
        var products = h.Portals[0].Catalog.AllProducts().ToDictionary(p => (int)p["id"]!, p => (string)p["xmlId"]!);
        var prices = h.Portals[0].Catalog.AllPrices().Where(p => (int)p["catalogGroupId"]! == 1)
            .ToDictionary(p => products[(int)p["productId"]!], p => (decimal)(double)p["price"]!);
        prices.Should().HaveCount(30);
        foreach (var product in changed.Products)
        {
            prices[product.Id].Should().Be(product.Prices[0], "the second exchange's prices reached Bitrix24");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public async Task A_portal_limit_out_of_range_stops_the_app_at_start(string limit)
    {
        var start = () => ExchangeHost.StartAsync(settings: new Dictionary<string, string?> { ["OneC:Catalogue:MaxConcurrentPortals"] = limit });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxConcurrentPortals");
    }

    [Fact]
    public async Task A_failed_look_for_pending_portals_does_not_stop_the_worker()
    {
        await using var h = await PortalsHarness.StartAsync(portals: 1, maxConcurrentPortals: 2);
        await using (var db = h.Host.Db())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE onec_catalogue_items RENAME TO onec_catalogue_items_away");
        }
        h.Host.Time.Advance(TimeSpan.FromMinutes(5)); // the periodic look is due
        h.Host.App.Services.GetRequiredService<CataloguePushSignal>().Notify(h.Portals[0].MemberId); // wake the worker now

        // Whoever logs it (the worker, or the host burying a dead worker), the failure names the missing table.
        await PortalsHarness.Until(() => Task.FromResult(h.Host.Logs.Lines.Any(l => l.Text.Contains("no such table: onec_catalogue_items"))),
            "the failed look to be logged");
        await using (var db = h.Host.Db())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE onec_catalogue_items_away RENAME TO onec_catalogue_items");
        }
        (await h.ExchangeAsync(0, CatalogueGenerator.Create(skus: 10, warehouses: 1, priceTypes: 1, seed: 33))).Succeeded.Should().BeTrue();

        await h.WaitForPushAsync(0);
        h.Portals[0].Catalog.ProductCount.Should().Be(10, "the worker outlived the failed look and pushed the next import");
    }
}
