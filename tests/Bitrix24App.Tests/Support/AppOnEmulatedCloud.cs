using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>
/// One emulated cloud and one in-process app per test. Override <see cref="Manifest"/>, <see cref="Handler"/> or
/// <see cref="Cleaner"/> to replace the shipped contributors; by default the app runs with its shipped manifest.
/// </summary>
public abstract class AppOnEmulatedCloud : IAsyncLifetime
{
    protected Bitrix24Cloud Cloud { get; private set; } = null!;

    protected RunningApp App { get; private set; } = null!;

    protected virtual TestManifest? Manifest => null;

    protected virtual RecordingEventHandler? Handler => null;

    protected virtual RecordingDataCleaner? Cleaner => null;

    public async Task InitializeAsync()
    {
        Cloud = await Bitrix24Cloud.StartAsync();
        App = await RunningApp.StartAsync(Cloud, Manifest, Handler, Cleaner);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Cloud.DisposeAsync();
    }

    /// <summary>A new portal with the app installed through the installer frame and installFinish.</summary>
    protected async Task<EmulatedPortal> InstalledPortalAsync(PortalOptions? options = null)
    {
        var portal = await Cloud.AddPortalAsync(options);
        await portal.InstallAsync(App);
        return portal;
    }
}
