using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Registrations;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Bitrix24App.Tests.Registrations;

/// <summary>
/// bizproc.robot.list gives codes only; the registrar remembers the hash of each definition it converged to and
/// re-sends bizproc.robot.update only when the declared definition or its handler URL changed.
/// </summary>
public sealed class RobotReconvergeTests : AppOnEmulatedCloud
{
    private const string Code = "wineb24_test_robot";
    private readonly TestManifest _manifest = new();

    protected override TestManifest Manifest => _manifest;

    [Fact]
    public async Task Reconverging_an_unchanged_robot_sends_no_update()
    {
        var portal = await InstalledPortalAsync();

        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);
        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);

        portal.Stats.Calls("batch").Should().Be(3, "three converges read the portal");
        portal.Stats.Calls("bizproc.robot.add").Should().Be(1);
        portal.Stats.Calls("bizproc.robot.update").Should().Be(0);
        portal.Robots.Robots.Should().ContainKey(Code);
        await using var db = App.Db();
        var rows = await db.Registrations.Where(r => r.MemberId == portal.MemberId).ToListAsync();
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.Error == null && r.DefinitionHash != null && r.DefinitionHash.Length == 64);
    }

    [Fact]
    public async Task An_app_update_with_a_changed_robot_definition_updates_it_once()
    {
        var portal = await InstalledPortalAsync();
        _manifest.RobotList[0] = _manifest.RobotList[0] with { Name = new LocalizedText("Робот v2", "Robot v2") };

        portal.UpdateApp(2);
        await portal.FlushDeliveriesAsync();

        (await Eventually.TrueAsync(() => portal.Stats.Calls("bizproc.robot.update") == 1)).Should().BeTrue("ONAPPUPDATE re-runs the registrar");
        portal.Robots.Robots[Code].ToJsonString().Should().Contain("Robot v2");
        (await Eventually.TrueAsync(async () => await StoredHashAsync(portal.MemberId) == DeclaredHash()))
            .Should().BeTrue("the new definition's hash is recorded after the converge");

        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);

        portal.Stats.Calls("bizproc.robot.update").Should().Be(1, "the portal already holds the new definition");
        portal.Stats.Calls("bizproc.robot.add").Should().Be(1);
    }

    [Fact]
    public async Task A_changed_handler_url_is_sent_with_an_update()
    {
        var portal = await InstalledPortalAsync();
        _manifest.RobotList[0] = _manifest.RobotList[0] with { HandlerPath = "/robots/wineb24_test_robot_v2" };

        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);

        portal.Stats.Calls("bizproc.robot.update").Should().Be(1);
        portal.Robots.Robots[Code]["HANDLER"]!.ToString().Should().EndWith("/robots/wineb24_test_robot_v2");
    }

    [Fact]
    public async Task A_robot_the_portal_lost_is_added_again_despite_its_stored_hash()
    {
        var portal = await InstalledPortalAsync();

        portal.UpdateApp(2, dropRegistrations: true);
        await portal.FlushDeliveriesAsync();

        (await Eventually.TrueAsync(() => portal.Robots.Robots.ContainsKey(Code))).Should().BeTrue();
        portal.Stats.Calls("bizproc.robot.add").Should().Be(2);
        portal.Stats.Calls("bizproc.robot.update").Should().Be(0);
    }

    /// <summary>The hash of the robot as the app now declares it (manifest + public URL).</summary>
    private string DeclaredHash() =>
        DefinitionHash.Of(RobotRegistrations.Fields(App.Services.GetRequiredService<Registrar>().Desired().Robots.Single()));

    private async Task<string?> StoredHashAsync(string memberId)
    {
        await using var db = App.Db();
        return await db.Registrations.Where(r => r.MemberId == memberId && r.Kind == RegistrationKind.Robot && r.Key == Code)
            .Select(r => r.DefinitionHash).SingleOrDefaultAsync();
    }
}
