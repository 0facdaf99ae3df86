using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.OData;

/// <summary>A portal's resolved OData settings: where 1C is, which preset (with overrides) and how often to read.</summary>
public sealed record PortalOData(string MemberId, ODataConnection Connection, ODataPreset Preset, int ReceivablesEveryMinutes, int CounterpartiesEveryMinutes,
    int StockEveryMinutes)
{
    /// <summary>Identifies the credentials without keeping them: a 401 blocks runs only while this stays the same.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        Connection.BaseUri.AbsoluteUri + "\n" + Connection.Login + "\n" + Connection.Password)))[..32];
}

/// <summary>
/// Per-portal OData connections: configuration (<c>OneC:OData:Portals:{member_id}</c>) for automated deployments wins;
/// otherwise what the settings page saved, the password sealed with Data Protection.
/// </summary>
public sealed class ODataConnections(IDbContextFactory<OneCDbContext> dbFactory, IDataProtectionProvider protection,
    IOptions<ODataOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("WineB24.OneCConnector.OData.Password");

    public async Task<PortalOData?> GetAsync(string memberId, CancellationToken ct)
    {
        if (options.Value.Portals.TryGetValue(memberId, out var configured) && !string.IsNullOrWhiteSpace(configured.Url))
        {
            return Resolve(memberId, configured);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.ODataConnections.AsNoTracking().SingleOrDefaultAsync(c => c.MemberId == memberId, ct);
        if (record?.Url is null || record.Login is null || record.ProtectedPassword is null)
        {
            return null;
        }
        return Resolve(memberId, new ODataPortalSettings
        {
            Url = record.Url, Login = record.Login, Password = _protector.Unprotect(record.ProtectedPassword),
            Configuration = Enum.TryParse<OneCConfiguration>(record.Configuration, out var c) ? c : OneCConfiguration.Ut11,
            ReceivablesEveryMinutes = record.ReceivablesEveryMinutes, CounterpartiesEveryMinutes = record.CounterpartiesEveryMinutes,
            StockEveryMinutes = record.StockEveryMinutes,
            Names = record.Names is null ? null : JsonSerializer.Deserialize<ODataNames>(record.Names),
        });
    }

    /// <summary>Saves what the settings page submitted; a new password also lifts a 401 block.</summary>
    public async Task SaveAsync(string memberId, ODataPortalSettings settings, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Url);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Login);
        ArgumentNullException.ThrowIfNull(settings.Password);
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The OData URL must be an absolute http(s) URL", nameof(settings));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.ODataConnections.SingleOrDefaultAsync(c => c.MemberId == memberId, ct);
        if (record is null)
        {
            record = new ODataConnectionRecord { MemberId = memberId };
            db.ODataConnections.Add(record);
        }
        record.Url = url.AbsoluteUri;
        record.Login = settings.Login;
        record.ProtectedPassword = _protector.Protect(settings.Password);
        record.Configuration = settings.Configuration.ToString();
        record.ReceivablesEveryMinutes = settings.ReceivablesEveryMinutes;
        record.CounterpartiesEveryMinutes = settings.CounterpartiesEveryMinutes;
        record.StockEveryMinutes = settings.StockEveryMinutes;
        record.Names = settings.Names is null ? null : JsonSerializer.Serialize(settings.Names);
        record.AuthFailedFingerprint = null;
        record.AuthFailedAt = null;
        record.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Portals with a connection, from configuration and from the database.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.ODataConnections.Where(c => c.Url != null).Select(c => c.MemberId).ToListAsync(ct);
        return options.Value.Portals.Where(p => !string.IsNullOrWhiteSpace(p.Value.Url)).Select(p => p.Key)
            .Union(saved, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>True while 1C refused exactly these credentials less than <c>AuthRetryInterval</c> ago.</summary>
    public async Task<bool> IsAuthBlockedAsync(PortalOData portal, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.ODataConnections.AsNoTracking().SingleOrDefaultAsync(c => c.MemberId == portal.MemberId, ct);
        return record?.AuthFailedFingerprint == portal.Fingerprint && record.AuthFailedAt is { } at
            && time.GetUtcNow().ToUnixTimeMilliseconds() - at < (long)options.Value.AuthRetryInterval.TotalMilliseconds;
    }

    public async Task SetAuthFailedAsync(PortalOData portal, bool failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.ODataConnections.SingleOrDefaultAsync(c => c.MemberId == portal.MemberId, ct);
        if (record is null)
        {
            if (!failed) return;
            record = new ODataConnectionRecord { MemberId = portal.MemberId };
            db.ODataConnections.Add(record);
        }
        record.AuthFailedFingerprint = failed ? portal.Fingerprint : null;
        record.AuthFailedAt = failed ? time.GetUtcNow().ToUnixTimeMilliseconds() : null;
        record.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(ct);
    }

    private static PortalOData Resolve(string memberId, ODataPortalSettings s)
    {
        var preset = ODataPreset.For(s.Configuration);
        if (s.Names is not null) preset = s.Names.ApplyTo(preset);
        return new PortalOData(memberId, new ODataConnection(new Uri(s.Url!), s.Login ?? "", s.Password ?? ""), preset,
            s.ReceivablesEveryMinutes, s.CounterpartiesEveryMinutes, s.StockEveryMinutes);
    }
}
