using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using AppPlan = WineB24.Bitrix24App.Portals.PortalPlan;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Limits;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bitrix24App.Tests.Portals;

/// <summary>Each portal's client limiter follows its plan from app.info (Enterprise 5/250, others 2/50).</summary>
public sealed class PlanLimitsTests : IAsyncLifetime
{
    private Bitrix24Cloud _cloud = null!;

    public async Task InitializeAsync() => _cloud = await Bitrix24Cloud.StartAsync();

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    private static PortalLimits LimitsOf(RunningApp app, EmulatedPortal portal) =>
        app.Services.GetRequiredService<IPortalLimitSettings>().GetLimits(portal.MemberId);

    private static async Task<PortalRecord> RowAsync(RunningApp app, EmulatedPortal portal)
    {
        await using var db = app.Db();
        return await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId);
    }

    [Fact]
    public async Task Install_stores_the_plan_and_the_limiter_uses_it_also_after_a_restart()
    {
        var root = Directory.CreateTempSubdirectory("wineb24-plan-").FullName;
        var instance = "plan-" + Guid.NewGuid().ToString("N");
        var enterprise = await _cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
        var standard = await _cloud.AddPortalAsync(new PortalOptions { License = "ru_pro100" });

        await using (var app = await RunningApp.StartAsync(_cloud, new TestManifest(), root: root, instanceName: instance))
        {
            await enterprise.InstallAsync(app);
            await standard.InstallAsync(app);

            (await RowAsync(app, enterprise)).Should().Match<PortalRecord>(p => p.License == "ru_ent250" && p.Plan == "enterprise" && p.PlanReadAt != null);
            (await RowAsync(app, standard)).Should().Match<PortalRecord>(p => p.License == "ru_pro100" && p.Plan == "standard");
            LimitsOf(app, enterprise).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 5 && l.Burst == 250);
            LimitsOf(app, standard).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 2 && l.Burst == 50);
        }

        await using var restarted = await RunningApp.StartAsync(_cloud, new TestManifest(), root: root, instanceName: instance);
        LimitsOf(restarted, enterprise).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 5 && l.Burst == 250, "the stored plan is applied at start-up");
        LimitsOf(restarted, standard).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 2 && l.Burst == 50);
    }

    [Fact]
    public async Task Configured_rate_and_burst_override_the_plan()
    {
        var enterprise = await _cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
        await using var app = await RunningApp.StartAsync(_cloud, new TestManifest(), extraArgs: ["--Bitrix24:Limits:Burst=20"]);

        await enterprise.InstallAsync(app);

        LimitsOf(app, enterprise).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 5 && l.Burst == 20);
    }

    [Fact]
    public async Task An_update_reads_the_plan_again()
    {
        var portal = await _cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
        await using var app = await RunningApp.StartAsync(_cloud, new TestManifest());
        await portal.InstallAsync(app);
        LimitsOf(app, portal).Burst.Should().Be(250);

        portal.Options.License = "ru_std";
        portal.UpdateApp(2);
        await portal.FlushDeliveriesAsync();

        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPUPDATE" && d.Status == 200);
        (await RowAsync(app, portal)).Should().Match<PortalRecord>(p => p.License == "ru_std" && p.Plan == "standard");
        LimitsOf(app, portal).Should().Match<PortalLimits>(l => l.RequestsPerSecond == 2 && l.Burst == 50);
    }

    [Theory]
    [InlineData("ru_ent250", "ent", "enterprise")]
    [InlineData("de_ent10000", null, "enterprise")]
    [InlineData("en_pro100", "pro", "standard")]
    [InlineData("ru_std", "std", "standard")]
    [InlineData(null, null, "standard")]
    public void Plan_follows_the_licence(string? license, string? family, string expected) =>
        AppPlan.Of(license, family).Should().Be(expected);

    [Fact]
    public void Migration_gives_portals_installed_before_it_the_plan_their_licence_implies()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wineb24-plan-migration-").FullName, "t.db");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        StorageModule.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        using var db = new AppDbContext(options.Options);
        db.GetService<IMigrator>().Migrate("20261122080000_InitialSchema");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO portals (member_id, domain, client_endpoint, language, license, license_family, installed, installed_at, updated_at, token_version)
                VALUES ('ent', 'a', 'https://a/rest/', 'ru', 'ru_ent500', NULL, 1, 0, 0, 0),
                       ('pro', 'b', 'https://b/rest/', 'ru', 'ru_pro100', 'pro', 1, 0, 0, 0),
                       ('unknown', 'c', 'https://c/rest/', 'ru', NULL, NULL, 1, 0, 0, 0)
                """;
            insert.ExecuteNonQuery();
        }

        db.Database.Migrate();

        db.Portals.AsNoTracking().OrderBy(p => p.MemberId).Select(p => p.MemberId + ":" + (p.Plan ?? "-")).ToList()
            .Should().Equal("ent:enterprise", "pro:standard", "unknown:-");
    }
}
