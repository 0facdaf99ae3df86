using FluentAssertions;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Credentials;

public class CredentialTests
{
    [Fact]
    public void Password_hash_is_salted_and_verifies_only_the_right_password()
    {
        var (hash1, salt1) = PasswordHash.Create("Пароль-для-1С-2026", 1000);
        var (hash2, salt2) = PasswordHash.Create("Пароль-для-1С-2026", 1000);

        hash1.Should().NotBe(hash2);
        salt1.Should().NotBe(salt2);
        PasswordHash.Verify("Пароль-для-1С-2026", hash1, salt1, 1000).Should().BeTrue();
        PasswordHash.Verify("пароль-для-1с-2026", hash1, salt1, 1000).Should().BeFalse();
        PasswordHash.Verify("Пароль-для-1С-2026", hash1, salt2, 1000).Should().BeFalse();
        PasswordHash.Verify("x", "not base64!", salt1, 1000).Should().BeFalse();
    }

    [Fact]
    public async Task Throttle_locks_login_and_ip_separately_and_unlocks_after_the_duration()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(database, new StaticOptions(new OneCExchangeOptions { MaxFailedLogins = 3, LockoutDuration = TimeSpan.FromMinutes(15) }), time);

        for (var i = 0; i < 3; i++)
        {
            await throttle.RecordFailureAsync("guess-" + i, "10.0.0.1", default);
        }
        await throttle.RecordFailureAsync("wine-a", "10.0.0.2", default);
        await throttle.RecordFailureAsync("wine-a", "10.0.0.3", default);

        (await throttle.LockedUntilAsync("anyone", "10.0.0.1", default)).Should().Be(DateTimeOffset.UnixEpoch.AddMinutes(15), "three failures from one IP");
        (await throttle.LockedUntilAsync("wine-a", "10.0.0.9", default)).Should().BeNull("two failures of a login are below the limit");
        await throttle.RecordFailureAsync("WINE-A", "10.0.0.4", default);
        (await throttle.LockedUntilAsync("wine-a", "10.0.0.9", default)).Should().NotBeNull("logins compare case-insensitively");
        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        (await throttle.LockedUntilAsync("anyone", "10.0.0.1", default)).Should().BeNull();
        (await throttle.LockedUntilAsync("wine-a", "10.0.0.9", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_success_clears_the_count_and_a_lock_that_ran_out_starts_a_fresh_count()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(database, new StaticOptions(new OneCExchangeOptions { MaxFailedLogins = 2, LockoutDuration = TimeSpan.FromMinutes(15) }), time);

        await throttle.RecordFailureAsync("wine-a", null, default);
        await throttle.RecordSuccessAsync("wine-a", null, default);
        await throttle.RecordFailureAsync("wine-a", null, default);
        (await throttle.LockedUntilAsync("wine-a", null, default)).Should().BeNull("the success reset the count to zero");

        await throttle.RecordFailureAsync("wine-a", null, default);
        (await throttle.LockedUntilAsync("wine-a", null, default)).Should().NotBeNull();
        time.Advance(TimeSpan.FromMinutes(16));
        await throttle.RecordFailureAsync("wine-a", null, default);
        (await throttle.LockedUntilAsync("wine-a", null, default)).Should().BeNull("one failure after an expired lock is a new count of one");
    }

    [Fact]
    public void Options_validation_rejects_short_configured_passwords_and_duplicate_logins()
    {
        var options = new OneCExchangeOptions
        {
            Portals =
            {
                ["m1"] = new ConfiguredPortalCredentials { Login = "wine", Password = "short" },
                ["m2"] = new ConfiguredPortalCredentials { Login = "WINE", Password = "long-enough-password" },
            },
        };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        errors.Should().Contain(e => e!.Contains("m1:Password"));
        errors.Should().Contain(e => e!.Contains("more than one portal"));
    }

    private sealed class StaticOptions(OneCExchangeOptions value) : IOptionsMonitor<OneCExchangeOptions>
    {
        public OneCExchangeOptions CurrentValue => value;
        public OneCExchangeOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<OneCExchangeOptions, string?> listener) => null;
    }
}

public class LoginThrottleDecayTests
{
    private sealed class StaticOptions(OneCExchangeOptions value) : IOptionsMonitor<OneCExchangeOptions>
    {
        public OneCExchangeOptions CurrentValue => value;
        public OneCExchangeOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<OneCExchangeOptions, string?> listener) => null;
    }

    [Fact]
    public async Task Failures_spread_over_longer_than_the_lockout_period_do_not_add_up()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(database, new StaticOptions(new OneCExchangeOptions { MaxFailedLogins = 3 }), time);

        await throttle.RecordFailureAsync("wine-a", null, default);
        await throttle.RecordFailureAsync("wine-a", null, default);
        time.Advance(TimeSpan.FromMinutes(20));
        await throttle.RecordFailureAsync("wine-a", null, default);

        (await throttle.LockedUntilAsync("wine-a", null, default)).Should().BeNull();
    }

    [Fact]
    public async Task Spraying_random_logins_does_not_grow_the_table_without_bound()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(database, new StaticOptions(new OneCExchangeOptions()), time);

        for (var i = 0; i < 300; i++)
        {
            await throttle.RecordFailureAsync("guess-" + i, null, default);
        }
        (await throttle.TrackedKeysAsync(default)).Should().Be(300);
        time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            await throttle.RecordFailureAsync("later-" + i, null, default);
        }

        (await throttle.TrackedKeysAsync(default)).Should().Be(10);
    }
}
