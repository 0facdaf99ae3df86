using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Tests.Portals;

public sealed class TokenStoreTests
{
    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }

    private readonly IDbContextFactory<AppDbContext> _db;
    private readonly PortalSecrets _secrets;
    private readonly string _keys;
    private readonly PortalRegistry _registry;
    private readonly EfTokenStore _store;

    public TokenStoreTests()
    {
        var dir = Directory.CreateTempSubdirectory("wineb24-tokens-").FullName;
        var options = new DbContextOptionsBuilder<AppDbContext>();
        StorageModule.Configure(options, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(dir, "t.db")};Default Timeout=30" });
        _db = new Factory(options.Options);
        using (var db = _db.CreateDbContext())
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        _keys = Path.Combine(dir, "keys");
        _secrets = Secrets(_keys);
        _registry = new PortalRegistry(_db, _secrets, TimeProvider.System);
        _store = new EfTokenStore(_db, _secrets, TimeProvider.System, NullLogger<EfTokenStore>.Instance);
    }

    private static PortalSecrets Secrets(string keysPath)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("WineB24").PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        return new PortalSecrets(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }

    private Task InstallAsync(string memberId, string access = "access-1", string refresh = "refresh-1", string? appToken = "app-1") =>
        _registry.SaveConfirmedInstallAsync(new ConfirmedInstall(memberId, "acme.bitrix24.ru", new Uri("https://acme.bitrix24.ru/rest/"), access, refresh,
            DateTimeOffset.UtcNow.AddHours(1), appToken, "ru", 3, "P", "ru_std", "std"), default);

    private static PortalTokens Pair(string memberId, string n) =>
        new(memberId, new Uri("https://acme.bitrix24.ru/rest/"), $"access-{n}", $"refresh-{n}", DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public async Task Stored_pair_is_returned_unsealed_and_unknown_portals_have_none()
    {
        await InstallAsync("m1");
        var tokens = await _store.GetAsync("m1", default);
        tokens!.AccessToken.Should().Be("access-1");
        tokens.RefreshToken.Should().Be("refresh-1");
        tokens.ClientEndpoint.Should().Be(new Uri("https://acme.bitrix24.ru/rest/"));
        (await _store.GetAsync("nobody", default)).Should().BeNull();
    }

    [Fact]
    public async Task Refresh_is_stored_when_the_previous_refresh_token_is_still_current()
    {
        await InstallAsync("m1");
        var saved = await _store.SaveRefreshedAsync("m1", "refresh-1", Pair("m1", "2"), default);
        saved.RefreshToken.Should().Be("refresh-2");
        (await _store.GetAsync("m1", default))!.AccessToken.Should().Be("access-2");
    }

    [Fact]
    public async Task An_older_pair_never_overwrites_a_newer_one()
    {
        await InstallAsync("m1");
        await _store.SaveRefreshedAsync("m1", "refresh-1", Pair("m1", "2"), default);

        // A slow worker that refreshed from refresh-1 arrives late.
        var result = await _store.SaveRefreshedAsync("m1", "refresh-1", Pair("m1", "stale"), default);

        result.RefreshToken.Should().Be("refresh-2");
        (await _store.GetAsync("m1", default))!.RefreshToken.Should().Be("refresh-2");
    }

    [Fact]
    public async Task Concurrent_refreshes_from_the_same_token_let_exactly_one_win()
    {
        await InstallAsync("m1");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _store.SaveRefreshedAsync("m1", "refresh-1", Pair("m1", $"w{i}"), default))));

        var current = await _store.GetAsync("m1", default);
        results.Select(r => r.RefreshToken).Distinct().Should().ContainSingle().Which.Should().Be(current!.RefreshToken);
        await using var db = _db.CreateDbContext();
        (await db.Portals.SingleAsync()).TokenVersion.Should().Be(2, "one install write and exactly one refresh write");
    }

    [Fact]
    public async Task Needs_attention_is_recorded_and_cleared_by_the_next_successful_refresh()
    {
        await InstallAsync("m1");
        await _store.MarkNeedsAttentionAsync("m1", "invalid_grant", "refresh token revoked", default);
        await using (var db = _db.CreateDbContext())
        {
            var row = await db.Portals.SingleAsync();
            row.NeedsAttentionCode.Should().Be("invalid_grant");
            row.NeedsAttentionDescription.Should().Be("refresh token revoked");
        }
        await _store.SaveRefreshedAsync("m1", "refresh-1", Pair("m1", "2"), default);
        await using (var db = _db.CreateDbContext())
        {
            (await db.Portals.SingleAsync()).NeedsAttentionCode.Should().BeNull();
        }
    }

    [Fact]
    public async Task Sealed_tokens_need_the_keys_another_key_ring_cannot_read_them()
    {
        await InstallAsync("m1", access: "very-secret-access");
        await using var db = _db.CreateDbContext();
        var row = await db.Portals.SingleAsync();
        row.AccessTokenSealed.Should().NotContain("very-secret-access");
        _secrets.Unseal(row.AccessTokenSealed).Should().Be("very-secret-access");
        // Same application name, same keys folder (another instance / a restart) reads it.
        Secrets(_keys).Unseal(row.AccessTokenSealed).Should().Be("very-secret-access");

        var foreign = Secrets(Path.Combine(Path.GetTempPath(), "wineb24-other-keys-" + Guid.NewGuid().ToString("N")));
        var read = () => foreign.Unseal(row.AccessTokenSealed);
        read.Should().Throw<System.Security.Cryptography.CryptographicException>();
    }

    [Fact]
    public async Task Directory_exposes_the_application_token_and_uninstall_removes_every_token()
    {
        await InstallAsync("m1");
        var directory = new EfPortalDirectory(_db, _secrets);
        var identity = await directory.FindAsync("m1", default);
        identity.Should().Be(new PortalIdentity("m1", "acme.bitrix24.ru", "app-1", true, "ru"));
        (await new InboundCallVerifier(directory).VerifyAsync("m1", "app-1", default)).Accepted.Should().BeTrue();

        await _registry.MarkUninstalledAsync("m1", default);

        (await directory.FindAsync("m1", default)).Should().Be(new PortalIdentity("m1", "acme.bitrix24.ru", null, false, "ru"));
        (await _store.GetAsync("m1", default)).Should().BeNull();
        (await new InboundCallVerifier(directory).VerifyAsync("m1", "app-1", default)).Accepted.Should().BeFalse();
    }

    [Fact]
    public async Task First_application_token_is_set_once_and_only_for_an_installed_portal()
    {
        await InstallAsync("m1", appToken: null);
        (await _registry.SetApplicationTokenIfUnsetAsync("m1", "first", default)).Should().BeTrue();
        (await _registry.SetApplicationTokenIfUnsetAsync("m1", "second", default)).Should().BeFalse();
        (await new EfPortalDirectory(_db, _secrets).FindAsync("m1", default))!.ApplicationToken.Should().Be("first");
        (await _registry.SetApplicationTokenIfUnsetAsync("unknown", "x", default)).Should().BeFalse();
    }

    [Fact]
    public async Task Renamed_domain_is_kept_for_the_portal_only()
    {
        await InstallAsync("m1");
        await InstallAsync("m2");
        await _registry.ChangeEndpointAsync("m1", new Uri("https://new-name.bitrix24.ru/rest/"), default);

        (await _store.GetAsync("m1", default))!.ClientEndpoint.Should().Be(new Uri("https://new-name.bitrix24.ru/rest/"));
        (await new EfPortalDirectory(_db, _secrets).FindAsync("m1", default))!.Domain.Should().Be("new-name.bitrix24.ru");
        (await _store.GetAsync("m2", default))!.ClientEndpoint.Should().Be(new Uri("https://acme.bitrix24.ru/rest/"));
    }
}
