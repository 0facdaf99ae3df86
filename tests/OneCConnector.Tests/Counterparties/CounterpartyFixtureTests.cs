using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.Counterparties;

/// <summary>The real exchange files' counterparties (with their odd <c>АдресноеПоле</c>s) into the emulator through the SDK.</summary>
public class CounterpartyFixtureTests
{
    private static readonly string[] Files = ["bitrix-3.1/documents/1.xml", "bitrix-3.1/documents/2.xml", "off-doc-1c/orders.xml", "orders-2.08/orders.xml"];

    [Fact]
    public async Task Every_fixture_counterparty_is_written_or_held_with_its_address_and_a_second_run_costs_nothing()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var cards = Files.SelectMany(f => Fixture.Read(f).OfType<OrderDocument>()).SelectMany(d => d.Counterparties)
            .Select(CounterpartyCards.From).OfType<CounterpartyCard>()
            .GroupBy(c => c.OneCId).Select(g => g.Last()).ToList();
        cards.Should().HaveCount(10, "24 documents name 10 distinct buyers");
        cards.Should().Contain(c => c.LegalAddressParts != null, "the fixtures carry АдресноеПоле");

        await crm.Counterparties.ApplyAsync(crm.MemberId, cards, default);

        await using var db = crm.Database.CreateDbContext();
        var linked = await db.CounterpartyLinks.Select(l => l.OneCId).ToListAsync();
        var held = await db.Review.Select(r => r.OneCId).ToListAsync();
        (await db.Review.Select(r => r.ReasonCode).ToListAsync()).Should().BeEquivalentTo(["bad_inn", "no_name"],
            "ИНН \"12\" is junk, and a buyer without any name would be refused by Bitrix24 on every exchange");
        linked.Concat(held).Should().BeEquivalentTo(cards.Select(c => c.OneCId), "each card is either in Bitrix24 or on the review list");
        crm.Portal.Crm.Addresses.Should().HaveCount(cards.Count(c => linked.Contains(c.OneCId) && LegalAddress.For(c) is not null));
        // The parts of every fixture address are copies of the line or test junk: each fell back to the one-line split,
        // so the address still says what 1C showed.
        foreach (var address in crm.Portal.Crm.Addresses)
        {
            new[] { "ADDRESS_1", "CITY" }.Any(f => EmulatedCrm.Field(address, f).Length > 0).Should().BeTrue();
            EmulatedCrm.Field(address, "POSTAL_CODE").Should().MatchRegex(@"^(\d{6})?$");
        }
        crm.Portal.Crm.Addresses.Select(a => EmulatedCrm.Field(a, "ADDRESS_1")).Should().Contain("ггг");

        var requests = crm.Portal.Stats.Requests;
        await crm.Counterparties.ApplyAsync(crm.MemberId, cards, default);
        crm.Portal.Stats.Requests.Should().Be(requests, "an identical exchange writes and reads nothing");
    }
}
