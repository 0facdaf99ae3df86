using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Credentials;

/// <summary>
/// Two app instances = two service providers over one SQLite file (as two hosts share one PostgreSQL database):
/// lockouts and credential changes made through one are honoured by the other at once.
/// </summary>
public sealed class MultiInstanceTests : IDisposable
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private readonly TestDatabase database = new();
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider first;
    private readonly ServiceProvider second;

    public MultiInstanceTests()
    {
        first = ConnectorInstance.OnSqlite(database.Directory, time);
        second = ConnectorInstance.OnSqlite(database.Directory, time);
    }

    private static ExchangeCredentials Credentials(IServiceProvider instance) => instance.GetRequiredService<ExchangeCredentials>();

    [Fact]
    public async Task Failures_counted_on_both_instances_add_up_to_one_lockout_that_both_enforce()
    {
        for (var i = 0; i < 2; i++)
        {
            (await Credentials(first).AuthenticateAsync("wine-guess", "wrong-" + i, "203.0.113.7", default)).Succeeded.Should().BeFalse();
            (await Credentials(second).AuthenticateAsync("wine-guess", "wrong-b" + i, "203.0.113.7", default)).Succeeded.Should().BeFalse();
        }
        var issued = await Credentials(first).IssueAsync(Member, default);

        var locked = await Credentials(second).AuthenticateAsync(issued.Login, issued.Password, "203.0.113.7", default);
        var lockedOnFirst = await Credentials(first).AuthenticateAsync(issued.Login, issued.Password, "203.0.113.7", default);

        locked.Failure.Should().StartWith("Слишком много неудачных попыток входа", "four failures from one IP, two on each instance");
        lockedOnFirst.Succeeded.Should().BeFalse();
        (await Credentials(second).AuthenticateAsync(issued.Login, issued.Password, "198.51.100.1", default)).MemberId
            .Should().Be(Member, "another IP with the right password is not locked");
        time.Advance(TimeSpan.FromMinutes(16));
        (await Credentials(first).AuthenticateAsync(issued.Login, issued.Password, "203.0.113.7", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_password_rotated_or_revoked_on_one_instance_stops_working_on_the_other_at_once()
    {
        var issued = await Credentials(first).IssueAsync(Member, default);
        // The second instance verifies (and remembers) the pair.
        (await Credentials(second).AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).MemberId.Should().Be(Member);
        (await Credentials(second).AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).MemberId.Should().Be(Member);

        var rotated = await Credentials(first).IssueAsync(Member, default);

        (await Credentials(second).AuthenticateAsync(issued.Login, issued.Password, "10.0.0.1", default)).Succeeded
            .Should().BeFalse("the remembered pair belongs to a hash that no longer exists");
        (await Credentials(second).AuthenticateAsync(rotated.Login, rotated.Password, "10.0.0.1", default)).MemberId.Should().Be(Member);

        await Credentials(first).RevokeAsync(Member, default);

        (await Credentials(second).AuthenticateAsync(rotated.Login, rotated.Password, "10.0.0.1", default)).Succeeded.Should().BeFalse();
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        SqliteConnection.ClearAllPools();
        database.Dispose();
    }
}
