using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Registrations;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;
using FluentAssertions;

namespace WineB24.Bitrix24App.Tests.EndToEnd;

/// <summary>Helpers for the end-to-end tests, which run the app with its SHIPPED manifest (real robots, placements, events).</summary>
public static class ShippedApp
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>What the app declares, as the registrar computes it.</summary>
    public static DesiredRegistrations Desired(RunningApp app) => app.Services.GetRequiredService<Registrar>().Desired();

    /// <summary>Asserts the portal holds exactly the app's declared robots, placements and event handlers, once each.</summary>
    public static void ShouldHoldExactly(this EmulatedPortal portal, DesiredRegistrations desired)
    {
        portal.Robots.Robots.Keys.Should().BeEquivalentTo(desired.Robots.Select(r => r.Definition.Code));
        foreach (var robot in desired.Robots)
        {
            portal.Robots.Robots[robot.Definition.Code]["HANDLER"]!.ToString().Should().Be(robot.Handler);
        }
        portal.Placements.Bindings.Select(p => $"{p.Placement} {p.Handler}").Should().BeEquivalentTo(desired.Placements.Select(p => p.Key));
        portal.Events.Bindings.Select(e => e.Offline ? $"{e.Event} offline" : $"{e.Event} {e.Handler}").Should().BeEquivalentTo(desired.Events.Select(e => e.Key));
        portal.Triggers.Triggers.Keys.Should().BeEquivalentTo(desired.Triggers.Select(t => t.Code));
    }

    /// <summary>
    /// Real CRM data for «check duplicates»: a deal whose contact's phone is also on a lead another employee owns.
    /// Written through an admin webhook with the SDK, as a person's edits would be.
    /// </summary>
    public static Task<(long DealId, long LeadId)> SeedDuplicateAsync(EmulatedPortal portal, RunningApp app) =>
        SeedDuplicateAsync(portal, app.Services.GetRequiredService<IBitrix24ClientFactory>());

    public static async Task<(long DealId, long LeadId)> SeedDuplicateAsync(EmulatedPortal portal, IBitrix24ClientFactory clients)
    {
        var manager = portal.AddUser("Пётр", admin: false, lastName: "Продажин");
        var crm = clients.ForWebhook(portal.CreateWebhook(1, "crm")).Crm;
        var leadId = await crm.Leads.AddAsync(new
        {
            TITLE = "Ресторан «Погребок» — заявка с сайта",
            NAME = "Ольга",
            ASSIGNED_BY_ID = manager.Id,
            PHONE = new[] { new { VALUE = "+7 916 123-45-67", VALUE_TYPE = "WORK" } },
        });
        var contactId = await crm.Contacts.AddAsync(new
        {
            NAME = "Ольга",
            LAST_NAME = "Виноградова",
            ASSIGNED_BY_ID = 1,
            PHONE = new[] { new { VALUE = "8 (916) 123-45-67", VALUE_TYPE = "MOBILE" } },
        });
        var dealId = await crm.Deals.AddAsync(new { TITLE = "Поставка вина в «Погребок»", CONTACT_ID = contactId, ASSIGNED_BY_ID = 1 });
        portal.Crm.Find(CrmEntityType.Deal, (int)dealId).Should().NotBeNull();
        return (dealId, leadId);
    }

    /// <summary>An SDK of the test's own (webhook calls only), for when the app runs in another process.</summary>
    public static ServiceProvider StandaloneSdk(WineB24.PortalEmulator.Cloud.Bitrix24Cloud cloud)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitrix24:OAuthServer"] = cloud.OAuthServer.ToString(),
            ["Bitrix24:ClientId"] = cloud.ClientId,
            ["Bitrix24:ClientSecret"] = cloud.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        WineB24.Bitrix24Client.Setup.Bitrix24ServiceCollectionExtensions.AddBitrix24Client(services, configuration);
        return services.BuildServiceProvider();
    }
}
