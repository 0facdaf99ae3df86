using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Converges a portal to exactly what the manifest contributors declare (robots, placements, events, triggers,
/// user fields) using the portal's stored admin tokens. Idempotent: running it again changes nothing and never
/// duplicates. The outcome replaces the portal's rows in <c>portal_registrations</c>.
/// </summary>
public sealed class Registrar(
    IEnumerable<IAppManifestContributor> contributors,
    IOptionsMonitor<AppOptions> app,
    IBitrix24ClientFactory clients,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider time,
    ILogger<Registrar> logger)
{
    public DesiredRegistrations Desired() => DesiredRegistrations.From(contributors, app.CurrentValue);

    public async Task<RegistrationLog> ConvergeAsync(string memberId, string language, CancellationToken cancellationToken)
    {
        var desired = Desired();
        var client = clients.ForPortal(memberId);
        var log = new RegistrationLog();

        RegistrationSnapshot snapshot;
        try
        {
            snapshot = await RegistrationSnapshot.ReadAsync(client, desired, cancellationToken);
        }
        catch (Bitrix24Exception e)
        {
            log.Failed("portal", "*", null, $"{e.Method}: {e.Code} {e.Description}");
            await RecordAsync(memberId, log, cancellationToken);
            logger.LogWarning("Registrations for {MemberId} not read: {Method} {Code}", memberId, e.Method, e.Code);
            return log;
        }

        var robotHashes = await StoredHashesAsync(memberId, RegistrationKind.Robot, cancellationToken);
        await Step(RegistrationKind.Robot, RegistrationSnapshot.Robots, listed => RobotRegistrations.ConvergeAsync(client, listed, desired.Robots, robotHashes, log, cancellationToken));
        await Step(RegistrationKind.Placement, RegistrationSnapshot.Placements, listed => PlacementRegistrations.ConvergeAsync(client, listed, desired.Placements, language, log, cancellationToken));
        await Step(RegistrationKind.Event, RegistrationSnapshot.Events, listed => EventRegistrations.ConvergeAsync(client, listed, desired.Events, log, cancellationToken));
        if (desired.Triggers.Count > 0)
        {
            await Step(RegistrationKind.Trigger, RegistrationSnapshot.Triggers, listed => TriggerRegistrations.ConvergeAsync(client, listed, desired.Triggers, language, log, cancellationToken));
        }
        await UserFieldRegistrations.ConvergeAsync(client, snapshot, desired.UserFields, language, log, cancellationToken);

        await RecordAsync(memberId, log, cancellationToken);
        if (log.HasErrors)
        {
            logger.LogWarning("Registrations for {MemberId} incomplete: {Errors}", memberId,
                string.Join("; ", log.Entries.Where(e => e.Error is not null).Select(e => $"{e.Kind} {e.Key}: {e.Error}")));
        }
        else
        {
            logger.LogInformation("Registrations for {MemberId} converged: {Count} in place, {Removed} stale removed", memberId, log.Entries.Count, log.Removed.Count);
        }
        return log;

        async Task Step(string kind, string key, Func<JToken, Task> converge)
        {
            var (listed, error) = snapshot.Get(key);
            if (listed is null)
            {
                // The listing itself failed: nothing of this kind could be checked.
                log.Failed(kind, "*", null, error!);
                return;
            }
            await converge(listed);
        }
    }

    /// <summary>Key → definition hash of this portal's registrations of one kind that were last converged without error.</summary>
    private async Task<Dictionary<string, string>> StoredHashesAsync(string memberId, string kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Registrations
            .Where(r => r.MemberId == memberId && r.Kind == kind && r.Error == null && r.DefinitionHash != null)
            .Select(r => new { r.Key, r.DefinitionHash })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.DefinitionHash!, StringComparer.Ordinal);
    }

    private async Task RecordAsync(string memberId, RegistrationLog log, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Registrations.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var entry in log.Entries.DistinctBy(e => (e.Kind, e.Key)))
        {
            db.Registrations.Add(new RegistrationRecord
            {
                MemberId = memberId,
                Kind = entry.Kind,
                Key = entry.Key.Length <= 255 ? entry.Key : entry.Key[..255],
                Handler = entry.Handler,
                Error = entry.Error,
                DefinitionHash = entry.Error is null ? entry.DefinitionHash : null,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
