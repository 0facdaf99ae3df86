using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Buffers what 1C says about catalogue items and writes it to <see cref="CatalogueItemRecord"/> rows in chunks: a
/// row changes only when its desired state differs, so a re-sent file changes nothing and pushes nothing.
/// </summary>
internal sealed class DesiredRows(OneCDbContext db, string memberId, long now)
{
    public long Now => now;

    private const int Chunk = 500;
    private readonly Dictionary<(string Kind, string Key), JsonObject> pending = [];

    public int Changes { get; private set; }

    public async Task AddAsync(string kind, string key, JsonObject desired, CancellationToken ct)
    {
        pending[(kind, key)] = desired;
        if (pending.Count >= Chunk)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var group in pending.GroupBy(p => p.Key.Kind))
        {
            var kind = group.Key;
            var keys = group.Select(g => g.Key.Key).ToList();
            var existing = await db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind == kind && keys.Contains(x.Key))
                .ToDictionaryAsync(x => x.Key, StringComparer.Ordinal, ct);
            foreach (var ((_, key), desired) in group)
            {
                var text = desired.ToJsonString();
                var hash = Hash(text);
                // Source definitions are kept only to read products; nothing of theirs goes to Bitrix24.
                var pushed = kind == CatalogueKinds.SourceProperty ? hash : null;
                if (existing.TryGetValue(key, out var row))
                {
                    if (row.DesiredHash == hash)
                    {
                        continue;
                    }
                    row.Desired = text;
                    row.DesiredHash = hash;
                    row.PushedHash = pushed ?? row.PushedHash;
                    row.Attempts = 0;
                    row.UpdatedAt = now;
                }
                else
                {
                    db.CatalogueItems.Add(new CatalogueItemRecord
                    {
                        MemberId = memberId, Kind = kind, Key = key, Desired = text, DesiredHash = hash, PushedHash = pushed, UpdatedAt = now,
                    });
                }
                if (kind != CatalogueKinds.SourceProperty)
                {
                    Changes++;
                }
            }
        }
        pending.Clear();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
