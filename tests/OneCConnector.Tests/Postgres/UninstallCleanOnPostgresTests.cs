using System.Diagnostics;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.EndToEnd;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.TestSupport.Postgres;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>
/// The shipped app on PostgreSQL, two portals installed: ONAPPUNINSTALL with CLEAN=1 from one removes that portal's
/// rows from every 1C table and leaves the other portal's untouched. The tables are enumerated from the model, so a
/// table added later without cleanup (or without a member_id) fails here.
/// </summary>
[Collection(OneCPostgres.Name)]
public sealed class UninstallCleanOnPostgresTests(PrivatePostgres postgres)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Uninstall_with_clean_deletes_every_OneC_table_s_rows_of_that_portal_only()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var app = ShippedConnector.Build(cloud, out var root, "--Database:Provider=Postgres", $"--ConnectionStrings:Default={connectionString}");
        try
        {
            await app.StartAsync();
            var gone = await InstallAsync(cloud, app);
            var kept = await InstallAsync(cloud, app);
            var credentials = app.Services.GetRequiredService<ExchangeCredentials>();
            var logins = new Dictionary<string, string>
            {
                [gone.MemberId] = (await credentials.IssueAsync(gone.MemberId, default)).Login,
                [kept.MemberId] = (await credentials.IssueAsync(kept.MemberId, default)).Login,
            };
            var model = app.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContext().Model;
            await SeedEveryTableAsync(app, model, logins);
            var uploads = app.Services.GetRequiredService<UploadStore>();
            foreach (var member in logins.Keys)
            {
                Directory.CreateDirectory(uploads.SessionDirectory(member, "s1"));
                await File.WriteAllTextAsync(Path.Combine(uploads.SessionDirectory(member, "s1"), "import.xml"), "<КоммерческаяИнформация/>");
            }
            var keptBefore = await CountsAsync(connectionString, model, kept.MemberId, logins[kept.MemberId]);
            keptBefore.Should().OnlyContain(c => c.Value > 0, "every table holds a row of the portal that stays");
            (await CountsAsync(connectionString, model, gone.MemberId, logins[gone.MemberId])).Should().OnlyContain(c => c.Value > 0);

            gone.Uninstall(clean: true);
            await gone.FlushDeliveriesAsync();

            var clock = Stopwatch.StartNew();
            Dictionary<string, long> left;
            while ((left = await CountsAsync(connectionString, model, gone.MemberId, logins[gone.MemberId])).Any(c => c.Value > 0) && clock.Elapsed < Generous)
            {
                await Task.Delay(100);
            }
            left.Where(c => c.Value > 0).Select(c => $"{c.Key}: {c.Value}").Should().BeEmpty("CLEAN=1 removes the portal's rows from every 1C table");
            (await CountsAsync(connectionString, model, kept.MemberId, logins[kept.MemberId])).Should().Equal(keptBefore, "the other portal keeps everything");
            Directory.Exists(uploads.PortalDirectory(gone.MemberId)).Should().BeFalse();
            File.Exists(Path.Combine(uploads.SessionDirectory(kept.MemberId, "s1"), "import.xml")).Should().BeTrue();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<EmulatedPortal> InstallAsync(Bitrix24Cloud cloud, WebApplication app)
    {
        var portal = await cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
        var response = await portal.PostInstallerAsync(new Uri(new Uri(app.Configuration["App:PublicUrl"]!), "install"), lang: "ru");
        response.Status.Should().Be(200, response.Body);
        portal.FinishInstall();
        await portal.FlushDeliveriesAsync();
        return portal;
    }

    /// <summary>One row per portal in every 1C table (two in tables keyed by more than the portal), built from the model.</summary>
    private static async Task SeedEveryTableAsync(WebApplication app, IModel model, Dictionary<string, string> logins)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
        var seed = 10;
        foreach (var (member, login) in logins)
        {
            foreach (var entity in model.GetEntityTypes())
            {
                if (entity.ClrType == typeof(ExchangeCredentialRecord))
                {
                    continue; // issued above through the real path
                }
                var row = EntitySamples.Create(entity, member, seed++);
                if (row is LoginFailureRecord failure)
                {
                    failure.Key = LoginKeyOf(login);
                }
                db.Add(row);
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Rows per 1C table that belong to the portal: by member_id, or for the login counters by the portal's login.</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(string connectionString, IModel model, string memberId, string login)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var (column, value) = entity.ClrType == typeof(LoginFailureRecord)
                ? ("key", LoginKeyOf(login))
                : (entity.FindProperty(EntitySamples.MemberIdProperty)?.GetColumnName()
                    ?? throw new InvalidOperationException($"{table} has no member_id: every 1C table must carry the portal and be cleaned on uninstall"), memberId);
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = @v", connection);
            command.Parameters.AddWithValue("v", value);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static string LoginKeyOf(string login) => "login:" + login.ToLowerInvariant();
}
