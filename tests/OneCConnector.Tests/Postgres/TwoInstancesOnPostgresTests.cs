using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;
using WineB24.TestSupport.Postgres;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>
/// Two app instances = two service providers composed by <c>AddOneCConnector</c> over one PostgreSQL database, the
/// scale-out set-up. Besides the sequential rules, each shared-state operation is raced from both instances at once:
/// PostgreSQL runs those statements concurrently (SQLite would serialise them), so this is where a lost update or a
/// double winner would show.
/// </summary>
[Collection(OneCPostgres.Name)]
public sealed class TwoInstancesOnPostgresTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const int Rounds = 20;
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory root = new();
    private readonly List<ServiceProvider> instances = [];
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync();
        await using var db = await Instance().GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    private ServiceProvider Instance(int maxFailedLogins = 4)
    {
        var provider = ConnectorInstance.OnPostgres(connectionString, root.Path, time, maxFailedLogins);
        instances.Add(provider);
        return provider;
    }

    [Fact]
    public async Task Login_failures_on_both_instances_add_up_to_one_lockout_that_both_enforce()
    {
        var (first, second) = (Instance().GetRequiredService<ExchangeCredentials>(), Instance().GetRequiredService<ExchangeCredentials>());
        var issued = await first.IssueAsync(Member, default);
        for (var i = 0; i < 2; i++)
        {
            (await first.AuthenticateAsync(issued.Login, "wrong-a" + i, "203.0.113.7", default)).Succeeded.Should().BeFalse();
            (await second.AuthenticateAsync(issued.Login, "wrong-b" + i, "203.0.113.8", default)).Succeeded.Should().BeFalse();
        }

        (await second.AuthenticateAsync(issued.Login, issued.Password, "198.51.100.1", default)).Failure
            .Should().StartWith("Слишком много неудачных попыток входа", "four failures of the login, two on each instance");
        (await first.AuthenticateAsync(issued.Login, issued.Password, "198.51.100.2", default)).Succeeded.Should().BeFalse();
        time.Advance(TimeSpan.FromMinutes(16));
        (await first.AuthenticateAsync(issued.Login, issued.Password, "198.51.100.1", default)).MemberId.Should().Be(Member);
    }

    [Fact]
    public async Task Failures_raced_from_both_instances_are_all_counted_and_lock_once()
    {
        var throttles = new[] { Instance(maxFailedLogins: 10).GetRequiredService<LoginThrottle>(), Instance(maxFailedLogins: 10).GetRequiredService<LoginThrottle>() };
        const int perInstance = 12;

        await Together(Enumerable.Range(0, perInstance * 2).Select(i => (Func<Task>)(() =>
            throttles[i % 2].RecordFailureAsync("wine-race", "192.0.2." + (i % 2 + 1), default))));

        await using var db = await instances[0].GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
        var row = await db.LoginFailures.AsNoTracking().SingleAsync(f => f.Key == "login:wine-race");
        row.Failures.Should().Be(perInstance * 2, "no failure is lost when both instances count at the same moment");
        row.LockedUntil.Should().Be(time.GetUtcNow().AddMinutes(15).ToUnixTimeMilliseconds());
        (await db.LoginFailures.AsNoTracking().SingleAsync(f => f.Key == "ip:192.0.2.1")).Failures.Should().Be(perInstance);
        (await throttles[1].LockedUntilAsync("WINE-RACE", "198.51.100.3", default)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_password_rotated_or_revoked_on_one_instance_stops_working_on_the_other_at_once()
    {
        var (first, second) = (Instance().GetRequiredService<ExchangeCredentials>(), Instance().GetRequiredService<ExchangeCredentials>());
        var issued = await first.IssueAsync(Member, default);
        (await second.AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).MemberId.Should().Be(Member);
        (await second.AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).MemberId.Should().Be(Member, "remembered");

        var rotated = await first.IssueAsync(Member, default);

        rotated.Login.Should().Be(issued.Login);
        (await second.AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).Succeeded.Should().BeFalse("the old password was rotated away on the other instance");
        (await second.AuthenticateAsync(rotated.Login, rotated.Password, "10.0.0.1", default)).MemberId.Should().Be(Member);
        (await first.FindLoginAsync(Member, default)).Should().Be(issued.Login);

        await first.RevokeAsync(Member, default);

        (await second.AuthenticateAsync(rotated.Login, rotated.Password, "10.0.0.1", default)).Succeeded.Should().BeFalse();
        (await second.FindLoginAsync(Member, default)).Should().BeNull();
    }

    [Fact]
    public async Task A_portal_lease_goes_to_one_instance_even_when_both_ask_at_once()
    {
        var leases = new[] { Instance().GetRequiredService<PortalLease>(), Instance().GetRequiredService<PortalLease>() };
        for (var round = 0; round < Rounds; round++)
        {
            var portal = $"portal-{round}";
            var holders = new[] { PortalLease.NewHolder(), PortalLease.NewHolder() };

            var fresh = await Race(i => leases[i].TryAcquireAsync(portal, PortalLease.CataloguePush, holders[i], default));
            fresh.Count(won => won).Should().Be(1, $"round {round}: a new portal's lease has one winner");
            var holder = Array.IndexOf(fresh, true);
            (await leases[1 - holder].TryAcquireAsync(portal, PortalLease.CataloguePush, holders[1 - holder], default)).Should().BeFalse("the other instance waits while the lease is live");
            (await leases[holder].TryAcquireAsync(portal, PortalLease.CataloguePush, holders[holder], default)).Should().BeTrue("the holder renews");

            // The holder died: after the lease runs out both instances try to take over at once with new runs.
            time.Advance(PortalLease.Duration + TimeSpan.FromSeconds(1));
            var next = new[] { PortalLease.NewHolder(), PortalLease.NewHolder() };
            var takeover = await Race(i => leases[i].TryAcquireAsync(portal, PortalLease.CataloguePush, next[i], default));
            takeover.Count(won => won).Should().Be(1, $"round {round}: an expired lease is taken over by one instance");
            (await leases[holder].TryAcquireAsync(portal, PortalLease.CataloguePush, holders[holder], default)).Should().BeFalse("the dead run's holder lost it");
        }

        await using var db = await instances[0].GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
        (await db.PortalLeases.CountAsync()).Should().Be(Rounds, "one lease row per portal");
    }

    [Fact]
    public async Task A_failed_file_replay_is_claimed_by_one_instance_and_a_dead_claim_is_taken_over()
    {
        var files = new[] { Instance().GetRequiredService<FailedFiles>(), Instance().GetRequiredService<FailedFiles>() };
        await using (var db = await instances[0].GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync())
        {
            for (var round = 0; round < Rounds; round++)
            {
                db.FailedFiles.Add(new FailedFileRecord
                {
                    Id = $"f{round}", MemberId = Member, SessionId = "s1", JournalId = "j1", ExchangeType = "catalog",
                    FileName = $"offers{round}_1.xml", Reason = "Неизвестный склад", Status = FailedFiles.Failed, Kept = true, Bytes = 10,
                    FailedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
                });
            }
            await db.SaveChangesAsync();
        }

        for (var round = 0; round < Rounds; round++)
        {
            var id = $"f{round}";
            var claims = await Race(i => files[i].ClaimAsync(Member, id, FailedFileReplay.ClaimTimeout, default));
            claims.Count(won => won).Should().Be(1, $"round {round}: one instance replays the file");
            var winner = Array.IndexOf(claims, true);
            (await files[1 - winner].ClaimAsync(Member, id, FailedFileReplay.ClaimTimeout, default)).Should().BeFalse("the replay is in progress");

            await files[winner].FinishReplayAsync(Member, id, "Склад всё ещё неизвестен", default);
            (await files[1 - winner].ClaimAsync(Member, id, FailedFileReplay.ClaimTimeout, default)).Should().BeTrue("a replay that failed can be tried again");
        }

        // Every file is now claimed by an instance that "dies"; after the claim timeout both race to take over.
        time.Advance(FailedFileReplay.ClaimTimeout + TimeSpan.FromSeconds(1));
        for (var round = 0; round < Rounds; round++)
        {
            var id = $"f{round}";
            var takeover = await Race(i => files[i].ClaimAsync(Member, id, FailedFileReplay.ClaimTimeout, default));
            takeover.Count(won => won).Should().Be(1, $"round {round}: a stale claim is taken over once");
            var winner = Array.IndexOf(takeover, true);
            Directory.CreateDirectory(Path.GetDirectoryName(files[winner].CopyPath(Member, id))!);
            await File.WriteAllTextAsync(files[winner].CopyPath(Member, id), "<КоммерческаяИнформация/>");
            await files[winner].FinishReplayAsync(Member, id, failure: null, default);
            File.Exists(files[winner].CopyPath(Member, id)).Should().BeFalse("a resolved file's copy is freed");
            (await Race(i => files[i].ClaimAsync(Member, id, FailedFileReplay.ClaimTimeout, default))).Should().AllBeEquivalentTo(false, "resolved files are not replayed");
        }
        var listed = await files[0].ListAsync(Member, 100, default);
        listed.Should().HaveCount(Rounds).And.OnlyContain(f => f.Status == FailedFiles.Resolved && f.Attempts == 2);
    }

    [Fact]
    public async Task A_replay_asked_on_both_instances_at_once_imports_the_file_once()
    {
        var first = Instance();
        var second = Instance();
        var files = first.GetRequiredService<FailedFiles>();
        const int replays = 5;
        for (var round = 0; round < replays; round++)
        {
            // A kept classifier file (price type and warehouse), as FailedFiles keeps it after a failed import.
            var id = $"r{round}";
            var copy = files.CopyPath(Member, id);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            await File.WriteAllTextAsync(copy, $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <КоммерческаяИнформация ВерсияСхемы="2.07">
                  <ПакетПредложений СодержитТолькоИзменения="true">
                    <ТипыЦен><ТипЦены><Ид>retail-{round}</Ид><Наименование>Розничная {round}</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>
                    <Склады><Склад><Ид>wh-{round}</Ид><Наименование>Погреб №{round}</Наименование></Склад></Склады>
                    <Предложения></Предложения>
                  </ПакетПредложений>
                </КоммерческаяИнформация>
                """);
            await using var db = await first.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
            db.FailedFiles.Add(new FailedFileRecord
            {
                Id = id, MemberId = Member, SessionId = "s-old", JournalId = "j-old", ExchangeType = "catalog", FileName = $"import{round}_1.xml",
                Reason = "Обмен прерван", Status = FailedFiles.Failed, Kept = true, Bytes = new FileInfo(copy).Length,
                FailedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync();
        }

        var replayers = new[] { first.GetRequiredService<FailedFileReplay>(), second.GetRequiredService<FailedFileReplay>() };
        for (var round = 0; round < replays; round++)
        {
            var id = $"r{round}";
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await replayers[i].ReplayAsync(Member, id, force: false, default);
            })).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(runs);

            results.Count(r => r.Status == ReplayStatus.Imported).Should().Be(1, $"round {round}: one instance imports");
            results.Single(r => r.Status != ReplayStatus.Imported).Status.Should().BeOneOf(ReplayStatus.InProgress, ReplayStatus.AlreadyResolved);
        }

        await using var check = await first.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync();
        var replayJournal = await check.Journal.AsNoTracking().Where(j => j.ReplayOf != null).ToListAsync();
        replayJournal.GroupBy(j => j.ReplayOf).Should().HaveCount(replays).And.OnlyContain(g => g.Count() == 1, "each file was imported by one instance");
        (await check.FailedFiles.AsNoTracking().ToListAsync()).Should().OnlyContain(f => f.Status == FailedFiles.Resolved && f.Attempts == 1 && !f.Kept);
        (await check.Warehouses.AsNoTracking().Where(w => w.MemberId == Member).Select(w => w.Name).ToListAsync())
            .Should().BeEquivalentTo(Enumerable.Range(0, replays).Select(r => $"Погреб №{r}"));
    }

    /// <summary>Runs <paramref name="action"/> for instance 0 and 1 released at the same moment.</summary>
    private static async Task<bool[]> Race(Func<int, Task<bool>> action)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await action(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(runs);
    }

    private static async Task Together(IEnumerable<Func<Task>> actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = actions.Select(a => Task.Run(async () =>
        {
            await gate.Task;
            await a();
        })).ToArray();
        gate.SetResult();
        await Task.WhenAll(runs);
    }

    public Task DisposeAsync()
    {
        foreach (var instance in instances)
        {
            instance.Dispose();
        }
        root.Dispose();
        return Task.CompletedTask;
    }
}
