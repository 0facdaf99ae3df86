using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;
using System.Text.Json.Nodes;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.PortalEmulator.Cloud;
using WineB24.TestSupport.Postgres;

namespace WineB24.Bitrix24App.Tests.Postgres;

/// <summary>The scale-out configuration: the same migrations and Quartz store on PostgreSQL, clustering on.</summary>
public sealed class PostgresTests(PrivatePostgres postgres) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task Migrations_apply_on_postgres_and_a_second_run_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        StorageModule.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString });

        await using (var db = new AppDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }
        await using (var db = new AppDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            (await db.Database.GetAppliedMigrationsAsync()).Should().HaveCount(db.Database.GetMigrations().Count()).And.Contain(m => m.EndsWith("_PortalPlan"));
            db.InboundEvents.Add(new InboundEventRecord { MemberId = "m", EventName = "E", ReceivedAt = DateTimeOffset.UtcNow });
            db.InboundEvents.Add(new InboundEventRecord { MemberId = "m", EventName = "E", ReceivedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            (await db.InboundEvents.Select(e => e.Id).ToListAsync()).Should().OnlyHaveUniqueItems().And.NotContain(0);
        }
    }

    [Fact]
    public async Task Clustered_app_on_postgres_installs_a_portal_and_dispatches_an_event()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var handler = new RecordingEventHandler();
        await using var app = await RunningApp.StartAsync(cloud, new TestManifest(), handler, extraArgs:
            ["--Database:Provider=Postgres", $"--ConnectionStrings:Default={connectionString}", "--Jobs:Clustered=true"]);
        var portal = await cloud.AddPortalAsync();

        await portal.InstallAsync(app);
        portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "1" }, userId: 1);

        (await Eventually.TrueAsync(() => !handler.Received.IsEmpty)).Should().BeTrue();
        (await app.Http.GetAsync("healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
