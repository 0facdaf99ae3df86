using FluentAssertions;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Tests.OData;

namespace WineB24.OneCConnector.Tests.Receivables;

/// <summary>Every preset reads its own register of the same generated infobase and must arrive at what the documents say.</summary>
public class ReceivablesReaderTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(ODataHarness.AsOf.UtcDateTime);

    [Theory]
    [InlineData(OneCConfiguration.Ut11)]
    [InlineData(OneCConfiguration.Ka2)]
    [InlineData(OneCConfiguration.Erp)]
    public async Task Trade_configurations_read_debt_overdue_oldest_due_date_and_credit_limit(OneCConfiguration configuration)
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 300);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(configuration), Today, default);

        var expected = h.Trade.Expected;
        expected.Should().HaveCountGreaterThan(100, "the generator gives most customers a balance");
        expected.Values.Should().Contain(e => e.Overdue > 0).And.Contain(e => e.Debt < 0, "some hold a prepayment");
        var byId = read.ToDictionary(r => r.CounterpartyId);
        foreach (var e in expected.Values)
        {
            byId.Should().ContainKey(e.CounterpartyKey);
            var r = byId[e.CounterpartyKey];
            r.Debt.Should().Be(e.Debt, e.CounterpartyKey);
            r.Overdue.Should().Be(e.Overdue, e.CounterpartyKey);
            r.OverdueSince.Should().Be(e.OverdueSince, e.CounterpartyKey);
            r.CreditLimit.Should().Be(e.CreditLimit, e.CounterpartyKey);
        }
        // Counterparties without a balance appear only for their credit limit.
        read.Where(r => !expected.ContainsKey(r.CounterpartyId)).Should()
            .OnlyContain(r => r.Debt == 0 && r.Overdue == 0 && r.CreditLimit == h.Trade.LimitOf(r.CounterpartyId));
        read.Should().Contain(r => r.OverCreditLimit);
    }

    [Fact]
    public async Task Unf_reads_net_debt_per_counterparty_without_due_dates()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 200);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Unf), Today, default);

        read.Where(r => r.Debt != 0).ToDictionary(r => r.CounterpartyId, r => r.Debt).Should()
            .BeEquivalentTo(h.Trade.Expected.Values.Where(e => e.Debt != 0).ToDictionary(e => e.CounterpartyKey, e => e.Debt));
        read.Should().OnlyContain(r => r.Overdue == 0 && r.OverdueSince == null && r.CreditLimit == null);
    }

    [Fact]
    public async Task Accounting_reads_62_01_and_62_02_by_subconto_and_ignores_other_accounts()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 200);
        var supplier = h.Trade.Expected.Keys.First();
        h.Trade.AddSupplierNoise(supplier, 777_000m);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Bp30), Today, default);

        read.Where(r => r.Debt != 0).ToDictionary(r => r.CounterpartyId, r => r.Debt).Should()
            .BeEquivalentTo(h.Trade.Expected.Values.Where(e => e.Debt != 0).ToDictionary(e => e.CounterpartyKey, e => e.Debt));
        h.Service.Requests.Should().Contain(r => r.Contains("Balance(Condition='Account_Key eq guid''" + h.Trade.AccountKeys["62.01"] + "'''"));
    }

    [Fact]
    public async Task Renamed_register_in_the_portal_settings_is_used_instead_of_the_preset()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 20);
        var preset = new ODataNames { ReceivablesRegister = "AccumulationRegister_РасчетыСКлиентамиПоСрокамРасширение" }.ApplyTo(ODataPreset.For(OneCConfiguration.Ut11));

        var act = () => ReceivablesReader.ReadAsync(h.Client(), preset, Today, default);

        (await act.Should().ThrowAsync<ODataException>()).Which.Resource.Should().StartWith("AccumulationRegister_РасчетыСКлиентамиПоСрокамРасширение");
    }
}
