using System.Diagnostics;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.EndToEnd;
using WineB24.OneCEmulator.OData;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;
using WineB24.TestSupport.Postgres;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>
/// Two shipped app instances on one PostgreSQL database with Quartz clustering (the documented scale-out: same
/// database, <c>Jobs:Clustered=true</c>, shared Data Protection keys): a portal's OData schedule, applied on one
/// instance, runs each pull once in the cluster, whichever instance picks it up.
/// </summary>
[Collection(OneCPostgres.Name)]
public sealed class ClusteredSchedulesOnPostgresTests(PrivatePostgres postgres)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_OData_schedule_applied_on_one_instance_runs_each_pull_once_in_the_cluster()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var keys = Directory.CreateTempSubdirectory("wineb24-keys-").FullName;
        await using var cloud = await Bitrix24Cloud.StartAsync();
        string[] cluster = ["--Database:Provider=Postgres", $"--ConnectionStrings:Default={connectionString}", "--Jobs:Clustered=true",
            "--Jobs:InstanceName=wineb24-onec-cluster", $"--DataProtection:KeysPath={keys}"];
        var first = ShippedConnector.Build(cloud, out var firstRoot, cluster);
        var second = ShippedConnector.Build(cloud, out var secondRoot, cluster);
        var trade = TradeInfobase.Generate(seed: 11, 15, DateTime.UtcNow, CounterpartyShape.Trade);
        await using var oneC = await FakeODataService.StartAsync(trade.Infobase);
        try
        {
            await first.StartAsync();
            await second.StartAsync();
            var portal = await cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
            var response = await portal.PostInstallerAsync(new Uri(new Uri(first.Configuration["App:PublicUrl"]!), "install"), lang: "ru");
            response.Status.Should().Be(200, response.Body);
            portal.FinishInstall();
            await portal.FlushDeliveriesAsync();

            await first.Services.GetRequiredService<ODataConnections>().SaveAsync(portal.MemberId, new ODataPortalSettings
            {
                Url = oneC.BaseUri.AbsoluteUri, Login = oneC.Login, Password = oneC.Password,
                ReceivablesEveryMinutes = 60, CounterpartiesEveryMinutes = 60,
            }, default);
            await first.Services.GetRequiredService<ODataSchedules>().ApplyAsync(portal.MemberId, default);

            var journal = second.Services.GetRequiredService<ExchangeJournal>();
            var clock = Stopwatch.StartNew();
            IReadOnlyList<ExchangeJournalRecord> runs;
            while (!Done(runs = await journal.RecentAsync(portal.MemberId, 20, default)) && clock.Elapsed < Generous)
            {
                await Task.Delay(200);
            }
            Done(runs).Should().BeTrue("both pulls finish: " + string.Join("; ", runs.Select(r => $"{r.ExchangeType}={r.Status} {r.Errors}"))
                + $"; nodes: {string.Join(", ", await SchedulerInstancesAsync(connectionString))}; triggers: {string.Join(", ", await QueryAsync(connectionString, "SELECT sched_name || ' ' || trigger_name || ' ' || trigger_state || ' ' || next_fire_time FROM qrtz_triggers"))}");
            runs.Should().OnlyContain(r => r.Status == ExchangeJournal.Completed, string.Join("; ", runs.Select(r => r.Errors)));
            runs.Count(r => r.ExchangeType == "odata-counterparties").Should().Be(1, "the trigger fired on one instance only");
            runs.Count(r => r.ExchangeType == "odata-receivables").Should().Be(1);
            portal.Crm.All(CrmEntityType.Company).Should().HaveCount(trade.Generated.Count(g => !g.DeletionMark), "no company created twice");

            // Both nodes checked in to one cluster, each under its own instance id (recovery of a dead node relies on it).
            (await SchedulerInstancesAsync(connectionString)).Should().HaveCount(2).And.OnlyHaveUniqueItems();
        }
        finally
        {
            foreach (var app in new[] { first, second })
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
            foreach (var dir in new[] { firstRoot, secondRoot, keys })
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held by a stopping host; the temp cleaner takes the rest.
                }
            }
        }
    }

    // A run passes through "success" (its file recorded) before "completed": only the two final states end the wait.
    private static bool Done(IReadOnlyList<ExchangeJournalRecord> runs) =>
        runs.Any(x => x.ExchangeType == "odata-counterparties" && Final(x.Status))
        && runs.Any(x => x.ExchangeType == "odata-receivables" && Final(x.Status));

    private static bool Final(string status) => status is ExchangeJournal.Completed or ExchangeJournal.Failed;

    private static Task<List<string>> SchedulerInstancesAsync(string connectionString) =>
        QueryAsync(connectionString, "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'wineb24-onec-cluster'");

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
