using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;
using WineB24.Robots.OneCCounterparty;
using WineB24.Robots.Tests.Support;
using WineB24.Robots.Tests.Support.Emulator;

namespace WineB24.Robots.Tests.OneCCounterparty;

/// <summary>
/// The robot run by an emulated portal on CRM data created over REST, with the 1C connector wired as the app wires
/// it (its own SQLite file); the answer is read from what the app sent with bizproc.event.send.
/// </summary>
public sealed class CreateCounterpartyRobotTests : IDisposable
{
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(60);
    private readonly string directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wineb24-robot-1c-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task A_deal_is_queued_for_the_next_sale_query_and_a_linked_company_is_reported_as_known()
    {
        await using var install = await EmulatedInstall.StartAsync();
        var portal = await install.InstallAsync();
        var settings = install.Settings;
        settings["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(directory, "app.db");
        settings["OneC:ExchangeRoot"] = Path.Combine(directory, "1c");
        await using var host = await RobotHost.StartAsync((services, configuration) =>
        {
            install.AddServices(services, configuration);
            services.AddOneCConnector(configuration);
        }, settings: settings);
        await host.RegisterRobotAsync(portal, new CreateCounterpartyRobot());
        var crm = host.ClientFor(portal).Crm;
        var company = await crm.Companies.AddAsync(new JObject { ["TITLE"] = "ООО «Винный погреб»" });
        var deal = await crm.Deals.AddAsync(new JObject { ["TITLE"] = "Поставка", ["COMPANY_ID"] = company });
        var dealWithoutCompany = await crm.Deals.AddAsync(new JObject { ["TITLE"] = "Без компании" });

        var queued = await RunAsync(portal, $"DEAL_{deal}");

        queued.Value("Status").Should().Be("queued");
        queued.Value("OrderNumber").Should().Be($"CRM{deal}");
        queued.Value("Error").Should().BeEmpty();
        var db = host.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            (await context.DealLinks.SingleAsync(l => l.MemberId == portal.MemberId && l.DealId == deal)).QueuedAt.Should().NotBeNull();
            (await context.CompanyQueue.CountAsync(q => q.MemberId == portal.MemberId && q.CompanyId == company)).Should().Be(1);
            context.CounterpartyLinks.Add(new CounterpartyLinkRecord { MemberId = portal.MemberId, OneCId = "cp-guid-3", CompanyId = company, CardHash = "x" });
            await context.SaveChangesAsync();
        }

        var known = await RunAsync(portal, $"COMPANY_{company}");
        known.Value("Status").Should().Be("known");
        known.Value("OneCId").Should().Be("cp-guid-3");

        var noCompany = await RunAsync(portal, $"DEAL_{dealWithoutCompany}");
        noCompany.Value("Error").Should().Contain("не указана компания");
    }

    private static async Task<PortalEmulator.Bizproc.RobotResult> RunAsync(PortalEmulator.Portal.EmulatedPortal portal, string documentId)
    {
        var token = await portal.RunRobotAsync(CreateCounterpartyRobot.Code, documentId);
        return await portal.WaitForRobotResultAsync(token, ResultTimeout);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp cleaner takes the rest.
        }
    }
}
