using FluentAssertions;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>The install as Bitrix24 does it: the installer frame POST to the app, then installFinish (→ ONAPPINSTALL).</summary>
public static class PortalInstall
{
    public static async Task InstallAsync(this EmulatedPortal portal, RunningApp app, string lang = "ru")
    {
        var response = await portal.PostInstallerAsync(app.InstallerUrl, lang: lang);
        response.Status.Should().Be(200, response.Body);
        response.Body.Should().Contain("BX24.installFinish()");
        portal.FinishInstall();
        await portal.FlushDeliveriesAsync();
    }
}
