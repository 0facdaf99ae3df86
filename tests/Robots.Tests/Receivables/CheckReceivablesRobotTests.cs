using System.Net;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Storage;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Receivables;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Receivables;

public sealed class CheckReceivablesRobotTests : IDisposable
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string OneCId = "5c2b8f0e-3d7a-4e61-9a0b-7f1c2d3e4a5b";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("wineb24-robot-").FullName;
    private readonly DbContextOptions<OneCDbContext> _options;
    private readonly FakePortal _crm = new(Member);
    private readonly CompanyLinks _links = new();

    public CheckReceivablesRobotTests()
    {
        var builder = new DbContextOptionsBuilder<OneCDbContext>();
        OneCStorage.Configure(builder, postgres: false, $"Data Source={Path.Combine(_dir, "t.db")}");
        _options = builder.Options;
        using var db = new OneCDbContext(_options);
        db.Database.Migrate();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class Factory(DbContextOptions<OneCDbContext> options) : IDbContextFactory<OneCDbContext>
    {
        public OneCDbContext CreateDbContext() => new(options);
    }

    private void Store(string memberId, decimal debt, decimal overdue, string? since, decimal? limit)
    {
        using var db = new OneCDbContext(_options);
        db.Receivables.Add(new ReceivableRecord
        {
            MemberId = memberId, CounterpartyId = OneCId, Debt = debt, Overdue = overdue, OverdueSince = since, CreditLimit = limit,
            ValuesHash = "h", AsOf = Now.AddMinutes(-7).ToUnixTimeMilliseconds(), ChangedAt = Now.AddDays(-1).ToUnixTimeMilliseconds(),
        });
        db.SaveChanges();
    }

    private Task<RobotOutcome> RunAsync(string document, string language = "ru")
    {
        var robot = new CheckReceivablesRobot(_links, new ReceivablesStore(new Factory(_options)), new FixedTime(Now));
        var invocation = new RobotInvocation(Member, CheckReceivablesRobot.Code, "wf", ["crm", "CCrmDocumentDeal", document],
            RobotReturns.Deal, "token", new Dictionary<string, IReadOnlyList<string>>(), true, "1", language);
        return robot.RunAsync(invocation, _crm, default);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Deal_is_checked_through_its_company_with_days_overdue_and_the_credit_limit_flag()
    {
        _crm.Add("DEAL", 50, "17", companyId: 3);
        _links.Link(Member, 3, OneCId);
        Store(Member, debt: 1_250_000.50m, overdue: 300_000m, since: "2026-10-31", limit: 1_000_000m);

        var outcome = await RunAsync("DEAL_50");

        var v = outcome.ReturnValues;
        v[CheckReceivablesRobot.Found].Should().Be(true);
        v[CheckReceivablesRobot.Debt].Should().Be(1_250_000.50d);
        v[CheckReceivablesRobot.Overdue].Should().Be(300_000d);
        v[CheckReceivablesRobot.DaysOverdue].Should().Be(20L);
        v[CheckReceivablesRobot.CreditLimit].Should().Be(1_000_000d);
        v[CheckReceivablesRobot.OverCreditLimit].Should().Be(true);
        v[CheckReceivablesRobot.AsOf].Should().Be("2026-11-20T09:23:00+00:00");
        v[RobotReturns.ErrorKey].Should().Be("");
        outcome.LogMessage.Should().Contain("ЛИМИТ ПРЕВЫШЕН").And.Contain("(20 дн.)");
    }

    [Fact]
    public async Task Company_within_its_limit_and_nothing_overdue_is_not_flagged()
    {
        _links.Link(Member, 8, OneCId);
        Store(Member, debt: 10_000m, overdue: 0m, since: null, limit: 50_000m);

        var outcome = await RunAsync("COMPANY_8", "en");

        outcome.ReturnValues[CheckReceivablesRobot.OverCreditLimit].Should().Be(false);
        outcome.ReturnValues[CheckReceivablesRobot.DaysOverdue].Should().Be(0L);
        outcome.LogMessage.Should().StartWith("COMPANY_8: debt 10,000.00 RUB, overdue 0.00 RUB, limit 50,000.00");
    }

    [Fact]
    public async Task Company_without_a_1C_link_answers_not_found_with_a_clear_message()
    {
        _crm.Add("CONTACT", 7, "17", companyId: 4);

        var outcome = await RunAsync("CONTACT_7");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.ReturnValues[RobotReturns.ErrorKey].Should().Be("");
        outcome.LogMessage.Should().Be("Компания COMPANY_4 не связана с контрагентом 1С");
    }

    [Fact]
    public async Task Linked_company_without_data_yet_and_another_portals_data_are_not_confused()
    {
        _links.Link(Member, 9, OneCId);
        Store("ffffffffffffffffffffffffffffffff", debt: 5m, overdue: 5m, since: "2026-01-01", limit: null);

        var outcome = await RunAsync("COMPANY_9", "en");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.LogMessage.Should().Contain("No 1C receivables were read yet for company COMPANY_9");
    }

    [Fact]
    public async Task Deal_without_a_company_says_so()
    {
        _crm.Add("DEAL", 51, "17");

        var outcome = await RunAsync("DEAL_51");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.LogMessage.Should().Be("У DEAL_51 нет компании: долг по 1С не проверить");
    }

    [Fact]
    public async Task Lead_is_refused()
    {
        var act = () => RunAsync("LEAD_5");

        (await act.Should().ThrowAsync<RobotFailure>()).Which.Text.Ru.Should().Contain("сделках, компаниях и контактах");
    }

    [Fact]
    public async Task Through_the_robot_handler_the_workflow_gets_Y_N_flags_and_the_values()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, "f00dcafe");
        crm.Add("DEAL", 70, "17", companyId: 12);
        var links = new CompanyLinks();
        links.Link(Member, 12, OneCId);
        var snapshots = new ReceivablesSnapshots();
        snapshots.Put(Member, new ReceivableSnapshot(new Receivable(OneCId, 90_000m, 0m, null, 50_000m), Now));
        await using var host = await RobotHost.StartAsync((services, _) =>
        {
            services.AddSingleton<IPortalDirectory>(portals);
            services.AddSingleton<IBitrix24ClientFactory>(portals);
            services.AddSingleton<ICounterpartyCompanies>(links);
            services.AddSingleton<IReceivablesSnapshot>(snapshots);
        });

        var response = await host.Http.PostAsync(CheckReceivablesRobot.Code,
            RobotForm.For(Member, "f00dcafe", CheckReceivablesRobot.Code, "DEAL_70", "wf-r|A1|sig"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var sent = await crm.WaitForEventSendAsync();

        var values = (JObject)sent["RETURN_VALUES"]!;
        values.Value<string>(CheckReceivablesRobot.OverCreditLimit).Should().Be("Y");
        values.Value<string>(CheckReceivablesRobot.Found).Should().Be("Y");
        values.Value<double>(CheckReceivablesRobot.Debt).Should().Be(90_000d);
        values.Value<string>(RobotReturns.ErrorKey).Should().BeEmpty();
    }
}
