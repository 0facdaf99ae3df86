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
using WineB24.Robots.Tests.Support.Emulator;
using WineB24.PortalEmulator.Portal;
using WineB24.Bitrix24Client.Methods;
using Microsoft.Extensions.Configuration;

namespace WineB24.Robots.Tests.Receivables;

public sealed class CheckReceivablesRobotTests : IDisposable
{
    private const string OneCId = "5c2b8f0e-3d7a-4e61-9a0b-7f1c2d3e4a5b";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("wineb24-robot-").FullName;
    private readonly DbContextOptions<OneCDbContext> _options;
    private readonly CompanyLinks _links = new();
    private EmulatedInstall? _install;
    private EmulatedPortal? _portal;
    private IBitrix24Client? _crm;

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
        _install?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>An emulated portal with the app installed; CRM records are created over REST through the real SDK.</summary>
    private async Task<IBitrix24Client> CrmAsync()
    {
        if (_crm is not null) return _crm;
        _install = await EmulatedInstall.StartAsync();
        _portal = await _install.InstallAsync();
        var services = new ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(_install.Settings).Build();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        _install.AddServices(services, configuration);
        _crm = services.BuildServiceProvider().GetRequiredService<IBitrix24ClientFactory>().ForPortal(_portal.MemberId);
        return _crm;
    }

    private async Task<long> AddAsync(string type, long? companyId = null)
    {
        var crm = await CrmAsync();
        var fields = new JObject { ["TITLE"] = type + " для проверки долга" };
        if (companyId is not null) fields["COMPANY_ID"] = companyId;
        return type switch
        {
            "DEAL" => await crm.Crm.Deals.AddAsync(fields),
            "CONTACT" => await crm.Crm.Contacts.AddAsync(fields),
            _ => await crm.Crm.Companies.AddAsync(fields),
        };
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

    private async Task<RobotOutcome> RunAsync(string document, string language = "ru")
    {
        var crm = await CrmAsync();
        var robot = new CheckReceivablesRobot(_links, new ReceivablesStore(new Factory(_options)), new FixedTime(Now));
        var invocation = new RobotInvocation(_portal!.MemberId, CheckReceivablesRobot.Code, "wf", ["crm", "CCrmDocumentDeal", document],
            RobotReturns.Deal, "token", new Dictionary<string, IReadOnlyList<string>>(), true, "1", language);
        return await robot.RunAsync(invocation, crm, default);
    }

    private string PortalMember => _portal!.MemberId;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Deal_is_checked_through_its_company_with_days_overdue_and_the_credit_limit_flag()
    {
        var company = await AddAsync("COMPANY");
        var deal = await AddAsync("DEAL", company);
        _links.Link(PortalMember, company, OneCId);
        Store(PortalMember, debt: 1_250_000.50m, overdue: 300_000m, since: "2026-10-31", limit: 1_000_000m);

        var outcome = await RunAsync($"DEAL_{deal}");

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
        var company = await AddAsync("COMPANY");
        _links.Link(PortalMember, company, OneCId);
        Store(PortalMember, debt: 10_000m, overdue: 0m, since: null, limit: 50_000m);

        var outcome = await RunAsync($"COMPANY_{company}", "en");

        outcome.ReturnValues[CheckReceivablesRobot.OverCreditLimit].Should().Be(false);
        outcome.ReturnValues[CheckReceivablesRobot.DaysOverdue].Should().Be(0L);
        outcome.LogMessage.Should().StartWith($"COMPANY_{company}: debt 10,000.00 RUB, overdue 0.00 RUB, limit 50,000.00");
    }

    [Fact]
    public async Task Company_without_a_1C_link_answers_not_found_with_a_clear_message()
    {
        var company = await AddAsync("COMPANY");
        var contact = await AddAsync("CONTACT", company);

        var outcome = await RunAsync($"CONTACT_{contact}");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.ReturnValues[RobotReturns.ErrorKey].Should().Be("");
        outcome.LogMessage.Should().Be($"Компания COMPANY_{company} не связана с контрагентом 1С");
    }

    [Fact]
    public async Task Linked_company_without_data_yet_and_another_portals_data_are_not_confused()
    {
        var company = await AddAsync("COMPANY");
        _links.Link(PortalMember, company, OneCId);
        Store("ffffffffffffffffffffffffffffffff", debt: 5m, overdue: 5m, since: "2026-01-01", limit: null);

        var outcome = await RunAsync($"COMPANY_{company}", "en");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.LogMessage.Should().Contain($"No 1C receivables were read yet for company COMPANY_{company}");
    }

    [Fact]
    public async Task Deal_without_a_company_says_so()
    {
        var deal = await AddAsync("DEAL");

        var outcome = await RunAsync($"DEAL_{deal}");

        outcome.ReturnValues[CheckReceivablesRobot.Found].Should().Be(false);
        outcome.LogMessage.Should().Be($"У DEAL_{deal} нет компании: долг по 1С не проверить");
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
        await using var install = await EmulatedInstall.StartAsync();
        var portal = await install.InstallAsync();
        var links = new CompanyLinks();
        var snapshots = new ReceivablesSnapshots();
        await using var host = await RobotHost.StartAsync((services, configuration) =>
        {
            install.AddServices(services, configuration);
            services.AddSingleton<ICounterpartyCompanies>(links);
            services.AddSingleton<IReceivablesSnapshot>(snapshots);
        }, settings: install.Settings);
        await host.RegisterRobotAsync(portal, new CheckReceivablesRobot(links, snapshots, TimeProvider.System));
        var crm = host.ClientFor(portal).Crm;
        var company = await crm.Companies.AddAsync(new JObject { ["TITLE"] = "ООО «Бар на Покровке»" });
        var deal = await crm.Deals.AddAsync(new JObject { ["TITLE"] = "Поставка", ["COMPANY_ID"] = company });
        links.Link(portal.MemberId, company, OneCId);
        snapshots.Put(portal.MemberId, new ReceivableSnapshot(new Receivable(OneCId, 90_000m, 0m, null, 50_000m), Now));

        var token = await portal.RunRobotAsync(CheckReceivablesRobot.Code, $"DEAL_{deal}");
        var result = await portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(60));

        result.Value(CheckReceivablesRobot.OverCreditLimit).Should().Be("Y");
        result.Value(CheckReceivablesRobot.Found).Should().Be("Y");
        double.Parse(result.Value(CheckReceivablesRobot.Debt)!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(90_000d);
        result.Value(RobotReturns.ErrorKey).Should().BeEmpty();
    }
}
