using System.Security.Cryptography;

namespace WineB24.PortalEmulator.Portal;

public enum AppState
{
    NotInstalled,

    /// <summary>Installer shown, tokens valid, but installFinish not called: no events, INSTALLED=false.</summary>
    Installing,

    Installed,

    Uninstalled,
}

/// <summary>The app's installation on one portal. One application_token per installation (new on update).</summary>
public sealed class AppInstallation
{
    public AppState State { get; internal set; } = AppState.NotInstalled;

    public string ApplicationToken { get; internal set; } = "";

    public int Version { get; internal set; }

    public string Status { get; internal set; } = "P";

    public int Installations { get; internal set; }

    /// <summary>app.option.* values; they survive an uninstall without CLEAN, as on a real portal.</summary>
    public System.Text.Json.Nodes.JsonObject Options { get; } = [];

    internal void Begin(int version)
    {
        State = AppState.Installing;
        Version = version;
        ApplicationToken = NewApplicationToken();
        Installations++;
    }

    internal static string NewApplicationToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
