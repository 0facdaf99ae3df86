using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Storage;
using WineB24.OneCEmulator.OData;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.EndToEnd;

/// <summary>
/// The pulls as production starts them — saved connection → <see cref="ODataSchedules"/> → the app's persistent
/// Quartz scheduler → <see cref="ODataSyncJob"/> built by the app's DI — and the other presets end to end.
/// </summary>
public sealed class ScheduledPullTests
{
    private static string Text(JsonObject o, string field) => o[field]?.ToString() ?? "";

    /// <summary>Polls the journal (no fixed sleeps): the runs are on the scheduler's threads.</summary>
    private static async Task<IReadOnlyList<ExchangeJournalRecord>> WaitForRunsAsync(ShippedConnector app, Func<IReadOnlyList<ExchangeJournalRecord>, bool> done)
    {
        var journal = app.Services.GetRequiredService<ExchangeJournal>();
        var deadline = DateTime.UtcNow + ShippedConnector.Generous;
        while (true)
        {
            var runs = await journal.RecentAsync(app.Member, 20, default);
            if (done(runs)) return runs;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("journal: " + string.Join("; ", runs.Select(r => $"{r.ExchangeType}={r.Status} {r.Errors}")));
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Saving_a_connection_and_applying_its_schedule_runs_both_pulls_on_the_apps_scheduler()
    {
        await using var app = await ShippedConnector.StartAsync(counterparties: 20);
        await app.Services.GetRequiredService<ODataConnections>().SaveAsync(app.Member, new ODataPortalSettings
        {
            Url = app.OneC.BaseUri.AbsoluteUri, Login = app.OneC.Login, Password = app.OneC.Password,
            ReceivablesEveryMinutes = 60, CounterpartiesEveryMinutes = 60,
        }, default);

        await app.Services.GetRequiredService<ODataSchedules>().ApplyAsync(app.Member, default);

        // Both triggers start now; the per-portal job never overlaps, so they run one after the other. A run passes
        // through "success" (its file recorded) before "completed": only the final states end the wait.
        static bool Final(string status) => status is ExchangeJournal.Completed or ExchangeJournal.Failed;
        var runs = await WaitForRunsAsync(app, r =>
            r.Any(x => x.ExchangeType == "odata-counterparties" && Final(x.Status))
            && r.Any(x => x.ExchangeType == "odata-receivables" && Final(x.Status)));
        runs.Should().OnlyContain(r => r.Status == ExchangeJournal.Completed, string.Join("; ", runs.Select(r => r.Errors)));
        app.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(app.Trade.Generated.Count(g => !g.DeletionMark));
    }

    [Theory]
    [InlineData(OneCConfiguration.Unf, CounterpartyShape.SmallBusiness)]
    [InlineData(OneCConfiguration.Bp30, CounterpartyShape.Accounting)]
    public async Task Other_presets_reach_the_same_companies_and_debts(OneCConfiguration configuration, CounterpartyShape shape)
    {
        await using var app = await ShippedConnector.StartAsync(counterparties: 30, shape);
        await app.ConnectAsync(configuration);

        await app.RunAsync(ODataSyncKind.Counterparties);
        await app.RunAsync(ODataSyncKind.Receivables);

        var journal = await app.Services.GetRequiredService<ExchangeJournal>().RecentAsync(app.Member, 2, default);
        journal.Should().OnlyContain(j => j.Status == ExchangeJournal.Completed, string.Join("; ", journal.Select(j => j.Errors)));
        var companies = app.Services.GetRequiredService<ICounterpartyCompanies>();
        // Their catalogue keeps the legal form in ЮридическоеФизическоеЛицо; an ИП is a ФизическоеЛицо with a 12-digit ИНН.
        var entrepreneur = app.Trade.Generated.First(g => g.IsEntrepreneur && !g.DeletionMark);
        var ipCompany = await companies.FindCompanyIdAsync(app.Member, entrepreneur.RefKey, default);
        var requisite = app.Portal.Crm.Requisites.Values.Single(r => Text(r, "ENTITY_ID") == ipCompany.ToString());
        (Text(requisite, "RQ_INN"), Text(requisite, "PRESET_ID")).Should().Be((entrepreneur.Inn, "2"), "an ИП gets the individual entrepreneur preset");
        var checkedCount = 0;
        foreach (var e in app.Trade.Expected.Values.Where(e => e.Debt != 0))
        {
            if (await companies.FindCompanyIdAsync(app.Member, e.CounterpartyKey, default) is not { } id) continue;
            Text(app.Portal.Crm.Find(CrmEntityType.Company, (int)id)!, ReceivableFields.Debt)
                .Should().Be(ReceivableFields.Money(e.Debt), $"{configuration}: {e.CounterpartyKey}");
            checkedCount++;
        }
        checkedCount.Should().BeGreaterThan(5);
    }

    [Fact]
    public async Task A_counterparty_renamed_in_1C_costs_one_company_update_on_the_next_pull()
    {
        await using var app = await ShippedConnector.StartAsync(counterparties: 15);
        await app.ConnectAsync();
        await app.RunAsync(ODataSyncKind.Counterparties);
        var target = app.Trade.Generated.First(g => !g.DeletionMark);
        var updates = app.Portal.Stats.Calls("crm.company.update");
        var adds = app.Portal.Stats.Calls("crm.company.add");

        app.Trade.Counterparties.Update(target.RefKey, row => row["Description"] = target.Name + " (новое название)");
        await app.RunAsync(ODataSyncKind.Counterparties);

        app.Portal.Stats.Calls("crm.company.update").Should().Be(updates + 1);
        app.Portal.Stats.Calls("crm.company.add").Should().Be(adds);
        var id = await app.Services.GetRequiredService<ICounterpartyCompanies>().FindCompanyIdAsync(app.Member, target.RefKey, default);
        Text(app.Portal.Crm.Find(CrmEntityType.Company, (int)id!.Value)!, "TITLE").Should().Be(target.Name + " (новое название)");
    }
}

/// <summary>The settings page as the shipped app serves it, after a connection was saved and a pull ran.</summary>
public sealed class ShippedSettingsPageTests
{
    [Fact]
    public async Task The_portal_opens_the_settings_page_with_the_saved_connection_and_the_portals_stages_but_never_the_password()
    {
        await using var app = await ShippedConnector.StartAsync(counterparties: 5);
        await app.ConnectAsync();
        await app.RunAsync(ODataSyncKind.Counterparties);

        var page = await app.Portal.OpenApplicationAsync(new Uri(new Uri(app.App.Configuration["App:PublicUrl"]!), "placements/default"), 1, "ru");

        page.Status.Should().Be(200, page.Body);
        page.Body.Should().Contain("Синхронизация с 1С (OData)").And.Contain(app.OneC.BaseUri.AbsoluteUri).And.NotContain(app.OneC.Password);
        page.Body.Should().Contain("<option value=\"WON\"").And.Contain("Ничего не ждёт проверки.");
    }
}
