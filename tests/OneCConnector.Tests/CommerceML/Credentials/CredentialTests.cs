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
    public void Throttle_locks_login_and_ip_separately_and_unlocks_after_the_duration()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(new StaticOptions(new OneCExchangeOptions { MaxFailedLogins = 3, LockoutDuration = TimeSpan.FromMinutes(15) }), time);

        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("guess-" + i, "10.0.0.1");
        }
        throttle.RecordFailure("wine-a", "10.0.0.2");
        throttle.RecordFailure("wine-a", "10.0.0.3");

        throttle.LockedUntil("anyone", "10.0.0.1").Should().Be(DateTimeOffset.UnixEpoch.AddMinutes(15), "three failures from one IP");
        throttle.LockedUntil("wine-a", "10.0.0.9").Should().BeNull("two failures of a login are below the limit");
        throttle.RecordFailure("WINE-A", "10.0.0.4");
        throttle.LockedUntil("wine-a", "10.0.0.9").Should().NotBeNull("logins compare case-insensitively");
        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        throttle.LockedUntil("anyone", "10.0.0.1").Should().BeNull();
        throttle.LockedUntil("wine-a", "10.0.0.9").Should().BeNull();
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
    public void Failures_spread_over_longer_than_the_lockout_period_do_not_add_up()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(new StaticOptions(new OneCExchangeOptions { MaxFailedLogins = 3 }), time);

        throttle.RecordFailure("wine-a", null);
        throttle.RecordFailure("wine-a", null);
        time.Advance(TimeSpan.FromMinutes(20));
        throttle.RecordFailure("wine-a", null);

        throttle.LockedUntil("wine-a", null).Should().BeNull();
    }

    [Fact]
    public void Spraying_random_logins_does_not_grow_memory_without_bound()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new LoginThrottle(new StaticOptions(new OneCExchangeOptions()), time);

        for (var i = 0; i < 10_000; i++)
        {
            throttle.RecordFailure("guess-" + i, null);
        }
        time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure("later-" + i, null);
        }

        throttle.TrackedKeys.Should().BeLessThan(100);
    }
}
