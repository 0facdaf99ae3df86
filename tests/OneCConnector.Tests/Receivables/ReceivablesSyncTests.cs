using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.Bitrix24Client.Setup;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Tests.OData;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.OData;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;

namespace WineB24.OneCConnector.Tests.Receivables;

/// <summary>Receivables from the fake 1C into company fields of the emulated portal: changes only, zero writes when nothing changed.</summary>
public sealed class ReceivablesSyncTests : IAsyncLifetime
{
    private ODataHarness _h = null!;
    private Bitrix24Cloud _cloud = null!;
    private EmulatedPortal _portal = null!;
    private Bitrix24ClientFactory _factory = null!;
    private IBitrix24Client _client = null!;
    private readonly TestDatabase _db = new();
    private readonly InMemoryCompanies _companies = new();

    private string Member => _portal.MemberId;

    public async Task InitializeAsync()
    {
        _h = await ODataHarness.StartAsync(counterparties: 150);
        _cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = "local.wineb24.test", ClientSecret = "s" });
        _portal = await _cloud.AddPortalAsync(new PortalOptions { RatePerSecond = 500, Burst = 500 });
        _factory = new Bitrix24ClientFactory(Options.Create(new Bitrix24ClientOptions
        {
            ClientId = "local.wineb24.test", ClientSecret = "s", OAuthServer = _cloud.OAuthServer, RequestTimeout = TimeSpan.FromSeconds(60),
        }), new ServiceCollection().BuildServiceProvider(), TimeProvider.System);
        _client = _factory.ForWebhook(_portal.CreateWebhook(1));
        foreach (var field in new ReceivableFields().UserFields)
        {
            await _client.CallAsync("crm.company.userfield.add", new JObject
            {
                ["fields"] = new JObject { ["FIELD_NAME"] = field.FieldName, ["USER_TYPE_ID"] = field.UserTypeId, ["LABEL"] = field.Label.Ru },
            }, CallKind.Create);
        }
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _cloud.DisposeAsync();
        await _h.DisposeAsync();
        _db.Dispose();
    }

    private ReceivablesSync Sync() => new(_db, _companies, _h.Time, NullLogger<ReceivablesSync>.Instance);

    private Task<ReceivablesRunResult> RunAsync() =>
        Sync().RunAsync(Member, _h.Client(), ODataPreset.For(OneCConfiguration.Ut11), _client, default);

    /// <summary>Creates companies (in batches) for <paramref name="counterparties"/> and links them.</summary>
    private async Task<Dictionary<string, long>> LinkAsync(IEnumerable<string> counterparties)
    {
        var list = counterparties.ToList();
        var result = await _client.RunAsync(list.Select((c, i) =>
            _client.Crm.Companies.AddCommand("c" + i, new { TITLE = "Компания " + c[..8] })));
        var map = new Dictionary<string, long>();
        for (var i = 0; i < list.Count; i++)
        {
            var id = result["c" + i].Value<long>();
            _companies.Link(Member, list[i], id);
            map[list[i]] = id;
        }
        return map;
    }

    private JsonObject Company(long id) => _portal.Crm.Find(CrmEntityType.Company, (int)id)!;

    private long Updates => _portal.Stats.Calls("crm.company.update");

    [Fact]
    public async Task Changed_values_are_written_once_and_an_unchanged_snapshot_costs_no_write()
    {
        var expected = _h.Trade.Expected;
        var withDebt = expected.Keys.OrderBy(k => k).ToList();
        var linked = await LinkAsync(withDebt.Take(withDebt.Count - 10));
        var batchesBefore = _portal.Stats.Calls("batch");

        var first = await RunAsync();

        first.Unlinked.Should().BeGreaterThanOrEqualTo(10, "ten counterparties with debt have no company");
        first.Written.Should().Be(linked.Count);
        first.Errors.Should().BeEmpty();
        Updates.Should().Be(linked.Count);
        (_portal.Stats.Calls("batch") - batchesBefore).Should().Be((linked.Count + 49) / 50, "updates go in batches of 50");
        var sample = expected[withDebt.First(k => expected[k].Overdue > 0 && linked.ContainsKey(k))];
        var company = Company(linked[sample.CounterpartyKey]);
        company["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be(ReceivableFields.Money(sample.Debt));
        company["UF_CRM_WINEB24_OVERDUE"]!.GetValue<string>().Should().Be(ReceivableFields.Money(sample.Overdue));
        company["UF_CRM_WINEB24_OVERDUE_SINCE"]!.GetValue<string>().Should().StartWith(sample.OverdueSince!.Value.ToString("yyyy-MM-dd"));

        var second = await RunAsync();

        second.Changed.Should().Be(0);
        second.Written.Should().Be(0);
        Updates.Should().Be(linked.Count, "nothing changed in 1C, so nothing is written");

        var snapshot = await new ReceivablesStore(_db).FindAsync(Member, sample.CounterpartyKey, default);
        snapshot!.Receivable.Debt.Should().Be(sample.Debt);
        snapshot.AsOf.Should().Be(ODataHarness.AsOf);
    }

    [Fact]
    public async Task One_new_shipment_costs_one_write_and_a_later_linked_company_gets_its_values()
    {
        var expected = _h.Trade.Expected;
        var keys = expected.Keys.OrderBy(k => k).ToList();
        var linked = await LinkAsync(keys.Skip(1));
        await RunAsync();
        var before = Updates;

        var target = keys[1];
        var analytics = _h.Trade.AnalyticsKeys.Rows.First(r => r["Контрагент_Key"]!.GetValue<string>() == target)["Ref_Key"]!.GetValue<string>();
        _h.Trade.ByTerms.Add(ODataHarness.AsOf.UtcDateTime.AddHours(-2), new JsonObject
        {
            ["АналитикаУчетаПоПартнерам_Key"] = analytics, ["ОбъектРасчетов_Key"] = Guid.NewGuid().ToString(), ["Валюта_Key"] = _h.Trade.Rouble,
            ["РасчетныйДокумент"] = Guid.NewGuid().ToString(), ["РасчетныйДокумент_Type"] = "StandardODATA.Document_РеализацияТоваровУслуг",
            ["ДатаПлановогоПогашения"] = "2026-12-20T00:00:00", ["ДатаВозникновения"] = "2026-11-20T00:00:00",
            ["Долг"] = 12_345.67m, ["Предоплата"] = 0m, ["ДолгУпр"] = 12_345.67m, ["ПредоплатаУпр"] = 0m,
        });
        var run = await RunAsync();

        run.Changed.Should().Be(1);
        run.Written.Should().Be(1);
        Updates.Should().Be(before + 1);
        Company(linked[target])["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be(ReceivableFields.Money(expected[target].Debt + 12_345.67m));

        var late = await LinkAsync([keys[0]]);
        var next = await RunAsync();

        next.Changed.Should().Be(0);
        next.Written.Should().Be(1, "the values waited for the company link");
        Company(late[keys[0]])["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be(ReceivableFields.Money(expected[keys[0]].Debt));
    }

    [Fact]
    public async Task A_debt_that_vanished_from_the_balance_is_written_as_zero()
    {
        var key = _h.Trade.Expected.Values.First(e => e.Debt > 0 && e.CreditLimit is null).CounterpartyKey;
        var linked = await LinkAsync([key]);
        await RunAsync();

        _h.Trade.ByTerms.Clear();
        var run = await RunAsync();

        run.Written.Should().Be(1);
        var company = Company(linked[key]);
        company["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be("0.00|RUB");
        company["UF_CRM_WINEB24_OVERDUE"]!.GetValue<string>().Should().Be("0.00|RUB");
        (await new ReceivablesStore(_db).FindAsync(Member, key, default))!.Receivable.Should().Be(Receivable.Zero(key));
    }

    [Fact]
    public async Task A_company_standing_for_two_counterparties_shows_their_sum_also_when_only_one_changes()
    {
        var pair = _h.Trade.Expected.Values.Where(e => e.Overdue > 0).Take(2).ToList();
        var id = (await LinkAsync([pair[0].CounterpartyKey]))[pair[0].CounterpartyKey];
        _companies.Link(Member, pair[1].CounterpartyKey, id);

        var first = await RunAsync();

        first.Written.Should().Be(1);
        Company(id)["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be(ReceivableFields.Money(pair[0].Debt + pair[1].Debt));
        var oldest = new[] { pair[0].OverdueSince!.Value, pair[1].OverdueSince!.Value }.Min();
        Company(id)["UF_CRM_WINEB24_OVERDUE_SINCE"]!.GetValue<string>().Should().StartWith(oldest.ToString("yyyy-MM-dd"));

        var analytics = _h.Trade.AnalyticsKeys.Rows.First(r => r["Контрагент_Key"]!.GetValue<string>() == pair[1].CounterpartyKey)["Ref_Key"]!.GetValue<string>();
        _h.Trade.ByTerms.Add(ODataHarness.AsOf.UtcDateTime.AddHours(-1), new JsonObject
        {
            ["АналитикаУчетаПоПартнерам_Key"] = analytics, ["ОбъектРасчетов_Key"] = Guid.NewGuid().ToString(), ["Валюта_Key"] = _h.Trade.Rouble,
            ["РасчетныйДокумент"] = Guid.NewGuid().ToString(), ["РасчетныйДокумент_Type"] = "StandardODATA.Document_РеализацияТоваровУслуг",
            ["ДатаПлановогоПогашения"] = "2026-12-01T00:00:00", ["ДатаВозникновения"] = "2026-11-20T00:00:00",
            ["Долг"] = 100m, ["Предоплата"] = 0m, ["ДолгУпр"] = 100m, ["ПредоплатаУпр"] = 0m,
        });
        var second = await RunAsync();

        second.Written.Should().Be(1);
        Company(id)["UF_CRM_WINEB24_DEBT"]!.GetValue<string>().Should().Be(ReceivableFields.Money(pair[0].Debt + pair[1].Debt + 100m));
    }

    [Fact]
    public async Task Portals_never_see_each_others_snapshot()
    {
        await LinkAsync(_h.Trade.Expected.Keys.Take(3));
        await RunAsync();

        var other = await new ReceivablesStore(_db).FindAsync("ffffffffffffffffffffffffffffffff", _h.Trade.Expected.Keys.First(), default);

        other.Should().BeNull();
    }
}
