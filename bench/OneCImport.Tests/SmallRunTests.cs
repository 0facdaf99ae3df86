using FluentAssertions;

namespace WineB24.Bench.OneCImport.Tests;

/// <summary>
/// The benchmark's own run at a size CI can afford. It broke once unnoticed (the connector gained OData schedules that
/// need the host's Quartz, and the bench host had none), so it runs with every test pass now.
/// </summary>
public class SmallRunTests
{
    [Fact]
    public async Task Identical_exchange_writes_nothing_and_a_changed_one_writes_exactly_its_changes()
    {
        var options = new BenchOptions(Skus: 300, Warehouses: 3, PriceTypes: 3, Scale: 20, ChangeFraction: 0.05);
        await using var bench = await ImportBench.StartAsync(options);

        var report = await CatalogueBenchRun.RunAsync(bench, options);

        report.First.Failures.Should().BeEmpty();
        report.First.Succeeded.Should().BeTrue();
        report.First.Writes.Should().BeGreaterThanOrEqualTo(300 * 2, "each product is created and priced at least once");
        report.Identical.Writes.Should().Be(0);
        report.Identical.Requests.Should().Be(0, "nothing changed, so nothing is even read");
        report.ExpectedChangedWrites.Should().BePositive();
        report.Changed.Writes.Should().Be(report.ExpectedChangedWrites);
        new[] { report.First, report.Identical, report.Changed }.Should().OnlyContain(p => p.Rejected503 == 0 && p.Rejected429 == 0);
        report.Holds.Should().BeTrue();
    }

    [Fact]
    public async Task Portals_run_imports_every_portal_at_once_within_each_portal_s_own_limits()
    {
        var options = new BenchOptions(Skus: 100, Warehouses: 2, PriceTypes: 2, Scale: 20, ChangeFraction: 0.05) { Portals = 3 };
        await using var bench = await ImportBench.StartAsync(options);

        var report = await PortalsBenchRun.MeasureAsync(bench, options);

        report.Portals.Should().HaveCount(3);
        report.Portals.Should().OnlyContain(p => p.Succeeded && p.Rejected503 == 0 && p.Rejected429 == 0);
        report.Portals.Select(p => p.MemberId).Should().OnlyHaveUniqueItems();
        bench.Portals.Should().OnlyContain(p => p.Catalog.ProductCount == 100, "every portal got the whole catalogue");
        report.Portals.Should().OnlyContain(p => p.Writes >= 100 * 2, "each product is created and priced at least once");
        report.Holds.Should().BeTrue();
    }
}
