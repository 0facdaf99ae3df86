using System.Net;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.OneCConnector;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;
using WineB24.Robots.OneCCounterparty;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.OneCCounterparty;

/// <summary>The robot through its handler URL, with the 1C connector wired as the app wires it (its own SQLite file).</summary>
public sealed class CreateCounterpartyRobotTests : IDisposable
{
    private const string Member = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private const string AppToken = "feedbeef";
    private readonly string directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wineb24-robot-1c-" + Guid.NewGuid().ToString("N"))).FullName;

    private Task<RobotHost> StartAsync(FakePortals portals) =>
        RobotHost.StartAsync((services, configuration) =>
        {
            services.AddSingleton<IPortalDirectory>(portals);
            services.AddSingleton<IBitrix24ClientFactory>(portals);
            services.AddOneCConnector(configuration);
        }, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(directory, "app.db"),
            ["OneC:ExchangeRoot"] = Path.Combine(directory, "1c"),
        });

    private static async Task<JObject> RunAsync(RobotHost host, FakePortals portals, string documentId, string eventToken, int sends = 1)
    {
        var response = await host.Http.PostAsync(CreateCounterpartyRobot.Code, RobotForm.For(Member, AppToken, CreateCounterpartyRobot.Code, documentId, eventToken));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (JObject)(await portals[Member].WaitForEventSendAsync(sends))["RETURN_VALUES"]!;
    }

    [Fact]
    public async Task A_deal_is_queued_for_the_next_sale_query_and_a_linked_company_is_reported_as_known()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, AppToken);
        crm.Add("DEAL", 50, "17", companyId: 3);
        crm.Add("DEAL", 51, "17");
        await using var host = await StartAsync(portals);

        var deal = await RunAsync(host, portals, "DEAL_50", "wf-1|A1|sig");

        deal.Value<string>("Status").Should().Be("queued");
        deal.Value<string>("OrderNumber").Should().Be("CRM50");
        deal.Value<string>("Error").Should().BeEmpty();
        var db = host.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            (await context.DealLinks.SingleAsync(l => l.MemberId == Member && l.DealId == 50)).QueuedAt.Should().NotBeNull();
            (await context.CompanyQueue.CountAsync(q => q.MemberId == Member && q.CompanyId == 3)).Should().Be(1);
            context.CounterpartyLinks.Add(new CounterpartyLinkRecord { MemberId = Member, OneCId = "cp-guid-3", CompanyId = 3, CardHash = "x" });
            await context.SaveChangesAsync();
        }

        var company = await RunAsync(host, portals, "COMPANY_3", "wf-2|A1|sig", sends: 2);
        company.Value<string>("Status").Should().Be("known");
        company.Value<string>("OneCId").Should().Be("cp-guid-3");

        var noCompany = await RunAsync(host, portals, "DEAL_51", "wf-3|A1|sig", sends: 3);
        noCompany.Value<string>("Error").Should().Contain("не указана компания");
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
