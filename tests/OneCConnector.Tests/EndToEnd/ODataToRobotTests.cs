using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCEmulator.OData;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Receivables;

namespace WineB24.OneCConnector.Tests.EndToEnd;

/// <summary>
/// 1C OData → companies → receivables → company fields → the «check receivables» robot run by the portal, with every
/// piece the shipped app composes (no stand-ins between the counterparty sync, the receivables and the robot).
/// </summary>
public sealed class ODataToRobotTests
{
    private static readonly string[] Writes =
        ["crm.company.add", "crm.company.update", "crm.requisite.add", "crm.requisite.update", "crm.requisite.delete", "crm.company.delete"];

    private static long WriteCount(ShippedConnector app) => Writes.Sum(m => app.Portal.Stats.Calls(m));

    private static string Text(JsonObject o, string field) => o[field]?.ToString() ?? "";

    [Fact]
    public async Task Counterparties_receivables_and_the_robot_agree_with_1C_and_repeated_runs_write_nothing()
    {
        await using var app = await ShippedConnector.StartAsync(counterparties: 60);
        await app.ConnectAsync();
        var companies = app.Services.GetRequiredService<ICounterpartyCompanies>();
        var journal = app.Services.GetRequiredService<ExchangeJournal>();

        // 1. Counterparties: every live 1C counterparty becomes one company with its requisite.
        await app.RunAsync(ODataSyncKind.Counterparties);

        (await journal.RecentAsync(app.Member, 1, default)).Single().Status.Should().Be(ExchangeJournal.Completed);
        (await app.Services.GetRequiredService<ReviewList>().ListAsync(app.Member, default)).Should().BeEmpty("the generator's ИНН/КПП are valid");
        var live = app.Trade.Generated.Where(g => !g.DeletionMark).ToList();
        var companyOf = new Dictionary<string, long>();
        foreach (var g in live)
        {
            var id = await companies.FindCompanyIdAsync(app.Member, g.RefKey, default);
            id.Should().NotBeNull($"{g.Name} ({g.RefKey}) should be linked");
            companyOf[g.RefKey] = id!.Value;
            var requisite = app.Portal.Crm.Requisites.Values.Single(r => Text(r, "ENTITY_ID") == id.Value.ToString(CultureInfo.InvariantCulture));
            Text(requisite, "RQ_INN").Should().Be(g.Inn);
            Text(requisite, "RQ_KPP").Should().Be(g.IsEntrepreneur ? "" : g.Kpp);
            Text(app.Portal.Crm.Find(CrmEntityType.Company, (int)id.Value)!, "TITLE").Should().Be(g.Name);
        }
        app.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(live.Count);
        var afterFirst = WriteCount(app);

        await app.RunAsync(ODataSyncKind.Counterparties);

        WriteCount(app).Should().Be(afterFirst, "the same counterparties again change nothing");
        app.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(live.Count);

        // 2. Receivables: the company fields hold what 1C's documents add up to.
        var updatesBefore = app.Portal.Stats.Calls("crm.company.update");
        await app.RunAsync(ODataSyncKind.Receivables);

        var run = (await journal.RecentAsync(app.Member, 1, default)).Single();
        run.Status.Should().Be(ExchangeJournal.Completed, run.Errors);
        var expected = app.Trade.Expected.Values.Where(e => companyOf.ContainsKey(e.CounterpartyKey)).ToList();
        expected.Should().Contain(e => e.Overdue > 0).And.Contain(e => e.CreditLimit != null);
        foreach (var e in expected)
        {
            var company = app.Portal.Crm.Find(CrmEntityType.Company, (int)companyOf[e.CounterpartyKey])!;
            Text(company, ReceivableFields.Debt).Should().Be(ReceivableFields.Money(e.Debt), e.CounterpartyKey);
            Text(company, ReceivableFields.Overdue).Should().Be(ReceivableFields.Money(e.Overdue));
            Text(company, ReceivableFields.OverdueSince).Should().StartWith(e.OverdueSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            Text(company, ReceivableFields.CreditLimit).Should().Be(e.CreditLimit is { } l ? ReceivableFields.Money(l) : "");
        }
        // A counterparty owing nothing but with a credit limit in its contracts gets zeros and the limit; one with
        // neither is left alone.
        var limitOnly = companyOf.Keys.Where(k => app.Trade.Expected.ContainsKey(k) is false && app.Trade.LimitOf(k) is not null).ToList();
        limitOnly.Should().NotBeEmpty();
        foreach (var key in companyOf.Keys.Except(expected.Select(e => e.CounterpartyKey)))
        {
            var company = app.Portal.Crm.Find(CrmEntityType.Company, (int)companyOf[key])!;
            var known = app.Trade.LimitOf(key);
            Text(company, ReceivableFields.Debt).Should().Be(known is null ? "" : "0.00|RUB");
            Text(company, ReceivableFields.CreditLimit).Should().Be(known is { } k ? ReceivableFields.Money(k) : "");
        }
        (app.Portal.Stats.Calls("crm.company.update") - updatesBefore).Should().Be(expected.Count + limitOnly.Count,
            "one update per company with a debt or a limit");

        var updates = app.Portal.Stats.Calls("crm.company.update");
        await app.RunAsync(ODataSyncKind.Receivables);
        app.Portal.Stats.Calls("crm.company.update").Should().Be(updates, "an unchanged balance writes nothing");

        // One new shipment in 1C: one company update.
        var target = expected.First(e => e.Overdue > 0);
        var analytics = app.Trade.AnalyticsKeys.Rows.First(r => r["Контрагент_Key"]!.GetValue<string>() == target.CounterpartyKey)["Ref_Key"]!.GetValue<string>();
        app.Trade.ByTerms.Add(DateTime.UtcNow.AddHours(-1), new JsonObject
        {
            ["АналитикаУчетаПоПартнерам_Key"] = analytics, ["ОбъектРасчетов_Key"] = Guid.NewGuid().ToString(), ["Валюта_Key"] = app.Trade.Rouble,
            ["РасчетныйДокумент"] = Guid.NewGuid().ToString(), ["РасчетныйДокумент_Type"] = "StandardODATA.Document_РеализацияТоваровУслуг",
            ["ДатаПлановогоПогашения"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddT00:00:00", CultureInfo.InvariantCulture),
            ["ДатаВозникновения"] = DateTime.UtcNow.ToString("yyyy-MM-ddT00:00:00", CultureInfo.InvariantCulture),
            ["Долг"] = 2_000_000m, ["Предоплата"] = 0m, ["ДолгУпр"] = 2_000_000m, ["ПредоплатаУпр"] = 0m,
        });
        await app.RunAsync(ODataSyncKind.Receivables);

        app.Portal.Stats.Calls("crm.company.update").Should().Be(updates + 1);
        var targetCompany = companyOf[target.CounterpartyKey];
        var debt = target.Debt + 2_000_000m;
        Text(app.Portal.Crm.Find(CrmEntityType.Company, (int)targetCompany)!, ReceivableFields.Debt).Should().Be(ReceivableFields.Money(debt));

        // 3. The portal's automation runs «check receivables» on a deal of that company.
        var crm = app.Services.GetRequiredService<IBitrix24ClientFactory>().ForPortal(app.Member);
        var deal = await crm.Crm.Deals.AddAsync(new { TITLE = "Поставка в ресторан", COMPANY_ID = targetCompany });
        var token = await app.Portal.RunRobotAsync(CheckReceivablesRobot.Code, $"DEAL_{deal}");
        var result = await app.Portal.WaitForRobotResultAsync(token, ShippedConnector.Generous);

        string Value(string key) => result.ReturnValues[key]?.ToString() ?? "";
        Value(CheckReceivablesRobot.Found).Should().Be("Y");
        decimal.Parse(Value(CheckReceivablesRobot.Debt), CultureInfo.InvariantCulture).Should().Be(debt);
        decimal.Parse(Value(CheckReceivablesRobot.Overdue), CultureInfo.InvariantCulture).Should().Be(target.Overdue);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        int.Parse(Value(CheckReceivablesRobot.DaysOverdue), CultureInfo.InvariantCulture).Should().Be(today.DayNumber - target.OverdueSince!.Value.DayNumber);
        decimal.Parse(Value(CheckReceivablesRobot.CreditLimit), CultureInfo.InvariantCulture).Should().Be(target.CreditLimit ?? 0m);
        Value(CheckReceivablesRobot.OverCreditLimit).Should().Be(target.CreditLimit is { } limit && debt > limit ? "Y" : "N");
        Value(RobotReturns.ErrorKey).Should().BeEmpty();
    }

    [Fact]
    public async Task The_shipped_composition_resolves_every_robot_and_manifest_contributor()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var app = ShippedConnector.Build(cloud, out var root);
        try
        {
            var robots = app.Services.GetServices<IRobot>().ToList();
            var contributors = app.Services.GetServices<IAppManifestContributor>().ToList();

            robots.Select(r => r.Definition.Code).Should().Contain([CheckReceivablesRobot.Code, WineB24.Robots.OneCCounterparty.CreateCounterpartyRobot.Code]);
            robots.Select(r => r.Definition.Code).Should().OnlyHaveUniqueItems();
            contributors.Should().Contain(c => c is ReceivableFields);
            contributors.SelectMany(c => c.UserFields).Select(f => f.Entity + ":" + f.FieldName).Should().OnlyHaveUniqueItems();
            // What install does with them: the whole manifest must be enumerable without a DI or definition failure.
            contributors.SelectMany(c => c.Robots).Should().NotBeEmpty();
            _ = contributors.SelectMany(c => c.Placements).Concat<object>(contributors.SelectMany(c => c.Events)).Concat(contributors.SelectMany(c => c.Triggers)).ToList();
            // What a scheduled pull and the settings page's 1C sync section need from the same container.
            app.Services.GetRequiredService<ODataSyncJob>().Should().NotBeNull();
            app.Services.GetRequiredService<ODataSchedules>().Should().NotBeNull();
            app.Services.GetRequiredService<WineB24.Placements.Settings.OneCSync.OneCSyncReader>().Should().NotBeNull();
            app.Services.GetRequiredService<WineB24.Placements.Settings.OneCSync.ConnectionCheck>().Should().NotBeNull();
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
