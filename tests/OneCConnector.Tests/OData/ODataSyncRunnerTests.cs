using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;

namespace WineB24.OneCConnector.Tests.OData;

public class ODataSyncRunnerTests
{
    [Fact]
    public async Task Counterparties_are_fed_to_the_sink_in_chunks_and_the_run_is_journaled()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 450);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);

        await h.Runner().RunAsync(ODataRunHarness.Member, ODataSyncKind.Counterparties, default);

        var cards = h.Companies.Applied;
        cards.Should().HaveCount(450, "folders are not counterparties");
        h.Companies.Batches.Should().Be(3);
        cards.Select(c => c.OneCId).Should().BeEquivalentTo(h.OneC.Trade.Generated.Select(g => g.RefKey));
        cards.Should().OnlyContain(c => TaxIds.IsValidInn(c.Inn!));
        cards.Where(c => c.Kind == WineB24.OneCConnector.Counterparties.CounterpartyKind.LegalEntity).Should().OnlyContain(c => c.Kpp!.Length == 9);
        cards.Where(c => c.Kind == WineB24.OneCConnector.Counterparties.CounterpartyKind.IndividualEntrepreneur).Should().NotBeEmpty().And.OnlyContain(c => c.Kpp == null);
        cards.Should().Contain(c => c.DeletionMark);
        cards.Should().OnlyContain(c => c.Phones.Count == 1 && c.Emails.Count == 1 && c.LegalAddress!.StartsWith("г. Москва"));
        var journal = (await h.Journal.RecentAsync(ODataRunHarness.Member, 5, default)).Single();
        journal.ExchangeType.Should().Be("odata-counterparties");
        journal.Status.Should().Be(ExchangeJournal.Completed);
        journal.Counterparties.Should().Be(450);
    }

    [Fact]
    public async Task A_refused_password_is_journaled_and_not_retried_until_it_changes_or_the_interval_passes()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 10);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(password: "старый"), default);
        var runner = h.Runner();

        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Counterparties, default);
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Receivables, default);
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Counterparties, default);

        h.OneC.Service.RequestCount.Should().Be(1, "one 401, then runs skip 1C");
        var journal = await h.Journal.RecentAsync(ODataRunHarness.Member, 10, default);
        journal.Should().HaveCount(3).And.OnlyContain(j => j.Status == ExchangeJournal.Failed);
        journal.Last().Errors.Should().Contain("проверьте логин/пароль OData");
        journal.First().Errors.Should().Contain("Пропущено");

        h.OneC.Time.Advance(TimeSpan.FromHours(1));
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Counterparties, default);
        h.OneC.Service.RequestCount.Should().Be(2, "after the interval 1C is asked again");

        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Counterparties, default);
        (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single().Status.Should().Be(ExchangeJournal.Completed);
        h.Companies.Applied.Should().HaveCount(10);
    }

    [Fact]
    public async Task One_C_down_leaves_a_readable_error_in_the_journal()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 10);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        h.OneC.Service.Faults.Enqueue(ODataFault.ServiceUnavailable, h.Options.MaxAttempts);

        await h.Runner().RunAsync(ODataRunHarness.Member, ODataSyncKind.Receivables, default);

        var entry = (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single();
        entry.Status.Should().Be(ExchangeJournal.Failed);
        entry.ExchangeType.Should().Be("odata-receivables");
        entry.Errors.Should().Contain("1С не отвечает (HTTP 503) после 3 попыток").And.Contain("1C did not answer");
    }

    [Fact]
    public async Task A_portal_without_a_connection_is_left_alone()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 1);

        await h.Runner().RunAsync(ODataRunHarness.Member, ODataSyncKind.Receivables, default);

        (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Should().BeEmpty();
        h.OneC.Service.RequestCount.Should().Be(0);
    }
}
