using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>Each catalogue session's journal row says whether its data is in Bitrix24 yet, and how long it took.</summary>
[Collection(CatalogueCollection.Name)]
public sealed class CatalogueDeliveryJournalTests
{
    [Fact]
    public async Task A_session_waits_while_the_push_fails_and_records_when_its_data_reached_Bitrix24()
    {
        await using var h = await CatalogueHarness.StartAsync();
        h.Portal.Faults.Add(new(PortalEmulator.Faults.FaultKind.Error, Method: "batch", Status: 500, Code: "INTERNAL_SERVER_ERROR", Description: "Internal server error"));
        var model = CatalogueGenerator.Create(skus: 6, warehouses: 1, priceTypes: 2, seed: 61);

        (await h.ExchangeAsync(model, zip: false)).Failures.Should().BeEmpty();

        var journal = h.Host.App.Services.GetRequiredService<ExchangeJournal>();
        await Eventually(async () => (await journal.RecentAsync(ExchangeHost.MemberId, 10, default)).Any(j => j.ExchangeType == CataloguePusher.JournalType));
        var waiting = await SessionAsync(h);
        waiting.AwaitingBitrix24.Should().Be((int)Bitrix24Work.Catalogue, "the background push failed: nothing reached Bitrix24");
        waiting.AwaitingSince.Should().NotBeNull();
        waiting.AppliedAt.Should().BeNull();

        h.Portal.Faults.Clear();
        var push = await h.PushNowAsync();
        push.HeldElsewhere.Should().BeFalse();
        push.Failed.Should().Be(0);

        var applied = await SessionAsync(h);
        applied.AwaitingBitrix24.Should().Be(0);
        applied.AppliedAt.Should().BeGreaterThanOrEqualTo(applied.AwaitingSince!.Value);

        h.Host.Time.Advance(TimeSpan.FromMinutes(10));
        (await h.ExchangeAsync(model, zip: false)).Failures.Should().BeEmpty();
        await h.WaitForPushAsync();
        var unchanged = await SessionAsync(h);
        unchanged.Id.Should().NotBe(applied.Id);
        unchanged.Changes.Should().Be(0);
        unchanged.AwaitingBitrix24.Should().Be(0, "an identical exchange queues nothing for Bitrix24");
        unchanged.AppliedAt.Should().BeNull();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<ExchangeJournalRecord> SessionAsync(CatalogueHarness h)
    {
        await using var db = h.Host.Db();
        return await db.Journal.AsNoTracking().Where(j => j.ExchangeType == "catalog").OrderByDescending(j => j.StartedAt).FirstAsync();
    }
}
