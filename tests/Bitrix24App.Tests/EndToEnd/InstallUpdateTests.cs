using FluentAssertions;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.PortalEmulator.Cloud;
using WineB24.Robots.Duplicates;

namespace WineB24.Bitrix24App.Tests.EndToEnd;

/// <summary>Install, re-install and update of the shipped app on an emulated portal, through the delivery API only.</summary>
public sealed class InstallUpdateTests : AppOnEmulatedCloud
{

    [Fact]
    public async Task Install_then_second_install_then_update_converge_to_the_declared_registrations_without_duplicates()
    {
        var portal = await Cloud.AddPortalAsync();
        var desired = ShippedApp.Desired(App);
        desired.Robots.Should().Contain(r => r.Definition.Code == CheckDuplicatesRobot.Code);
        desired.Events.Select(e => e.Event).Should().Contain(["ONAPPINSTALL", "ONAPPUPDATE", "ONAPPUNINSTALL"]);

        await portal.InstallAsync(App);
        portal.ShouldHoldExactly(desired);
        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPINSTALL" && d.Status == 200);

        // Second install (an admin opens the installer again) converges to the same set.
        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);
        portal.ShouldHoldExactly(desired);

        // An update that keeps the registrations: ONAPPUPDATE re-runs the registrar, nothing is duplicated.
        portal.UpdateApp(2);
        await portal.FlushDeliveriesAsync();
        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPUPDATE" && d.Status == 200);
        (await Eventually.TrueAsync(async () =>
        {
            await using var db = App.Db();
            return db.Portals.Single(p => p.MemberId == portal.MemberId).AppVersion == 2;
        })).Should().BeTrue();
        var convergedAfterUpdate = await Eventually.TrueAsync(() => portal.Stats.Calls("batch") >= 3);
        convergedAfterUpdate.Should().BeTrue("the registrar read the portal again after the update");
        portal.ShouldHoldExactly(desired);

        // An update that drops them (the unverified documented case): the registrar puts them back.
        portal.UpdateApp(3, dropRegistrations: true);
        await portal.FlushDeliveriesAsync();
        (await Eventually.TrueAsync(() => portal.Robots.Robots.Count == desired.Robots.Count
            && portal.Events.Bindings.Count == desired.Events.Count
            && portal.Placements.Bindings.Count == desired.Placements.Count)).Should().BeTrue();
        portal.ShouldHoldExactly(desired);
    }
}
