using FluentAssertions;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Tests.OData;
using WineB24.OneCEmulator.OData;

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
    public async Task Unf_reads_net_debt_and_overdue_per_shipment_from_the_contract_payment_term()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 200, shape: CounterpartyShape.SmallBusiness);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Unf), Today, default);

        var expected = h.Trade.Expected.Values.ToList();
        expected.Should().Contain(e => e.Overdue > 0).And.Contain(e => e.Overdue == 0 && e.Debt > 0, "some owe only what is not due yet");
        read.Where(r => r.Debt != 0 || r.Overdue != 0).Select(r => (r.CounterpartyId, r.Debt, r.Overdue, r.OverdueSince)).Should()
            .BeEquivalentTo(expected.Select(e => (e.CounterpartyKey, e.Debt, e.Overdue, e.OverdueSince)));
        read.Should().OnlyContain(r => r.CreditLimit == null, "УНФ has no grounded credit-limit attribute");
        h.Service.Requests.Should().Contain(r => r.Contains("Balance(Dimensions='Контрагент,Договор,Документ')"));
    }

    [Fact]
    public async Task Accounting_reads_62_01_and_62_02_by_subconto_and_ignores_other_accounts()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 200, shape: CounterpartyShape.Accounting);
        var supplier = h.Trade.Expected.Keys.First();
        h.Trade.AddSupplierNoise(supplier, 777_000m);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Bp30), Today, default);

        read.Where(r => r.Debt != 0).ToDictionary(r => r.CounterpartyId, r => r.Debt).Should()
            .BeEquivalentTo(h.Trade.Expected.Values.Where(e => e.Debt != 0).ToDictionary(e => e.CounterpartyKey, e => e.Debt));
        h.Service.Requests.Should().Contain(r => r.Contains("Balance(Condition='Account_Key eq guid''" + h.Trade.AccountKeys["62.01"] + "'''"));
    }

    [Fact]
    public async Task Accounting_overdue_lays_each_contract_debt_on_its_newest_shipments_and_ages_them_by_the_contract_term()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 200, shape: CounterpartyShape.Accounting);

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Bp30), Today, default);

        var fifo = h.Trade.ExpectedFifo.Where(f => f.Value.Overdue > 0).ToDictionary(f => f.Key, f => f.Value);
        fifo.Should().HaveCountGreaterThan(20);
        fifo.Should().Contain(f => f.Value.Overdue != h.Trade.Expected[f.Key].Overdue,
            "some customers paid a newer shipment first, which FIFO cannot see — the generator must exercise that");
        read.Where(r => r.Overdue != 0).ToDictionary(r => r.CounterpartyId, r => (r.Overdue, r.OverdueSince)).Should().BeEquivalentTo(fifo);
        read.Should().OnlyContain(r => r.CreditLimit == null);
    }

    [Fact]
    public async Task Accounting_contracts_without_a_set_payment_term_are_never_overdue()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 60, shape: CounterpartyShape.Accounting);
        foreach (var contract in h.Trade.Contracts.Rows)
        {
            h.Trade.Contracts.Update(contract["Ref_Key"]!.GetValue<string>(), c => c["УстановленСрокОплаты"] = false);
        }

        var read = await ReceivablesReader.ReadAsync(h.Client(), ODataPreset.For(OneCConfiguration.Bp30), Today, default);

        read.Should().Contain(r => r.Debt > 0).And.OnlyContain(r => r.Overdue == 0 && r.OverdueSince == null);
        h.Service.Requests.Should().NotContain(r => r.StartsWith("Document_", StringComparison.Ordinal), "no term, no shipments to read");
    }

    [Fact]
    public async Task Renamed_register_in_the_portal_settings_is_used_instead_of_the_preset()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 20);
        var preset = new ODataNames { ReceivablesRegister = "AccumulationRegister_РасчетыСКлиентамиПоСрокамРасширение" }.ApplyTo(ODataPreset.For(OneCConfiguration.Ut11));

        var act = () => ReceivablesReader.ReadAsync(h.Client(), preset, Today, default);

        (await act.Should().ThrowAsync<ODataException>()).Which.Resource.Should().StartWith("AccumulationRegister_РасчетыСКлиентамиПоСрокамРасширение");
    }

    [Fact]
    public async Task Payment_term_attribute_renamed_in_the_portal_settings_is_asked_for_and_named_in_the_error()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 40, shape: CounterpartyShape.SmallBusiness);
        var preset = new ODataNames { PaymentTerm = "СрокОплатыПокупателяДней" }.ApplyTo(ODataPreset.For(OneCConfiguration.Unf));

        var act = () => ReceivablesReader.ReadAsync(h.Client(), preset, Today, default);

        var error = (await act.Should().ThrowAsync<ODataException>()).Which;
        error.Resource.Should().Be("Catalog_ДоговорыКонтрагентов");
        error.Text.Ru.Should().Contain("СрокОплатыПокупателяДней");
        preset.Shipments.Should().Be("Document_РасходнаяНакладная", "names not overridden stay the preset's");
    }
}
