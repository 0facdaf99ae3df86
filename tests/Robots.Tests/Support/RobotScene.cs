using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Bizproc;
using WineB24.PortalEmulator.Portal;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Tests.Support.Emulator;

namespace WineB24.Robots.Tests.Support;

/// <summary>
/// One emulated portal with the app installed, the robot host on the real SDK, the duplicate check registered on
/// the portal, and the admin's client for seeding CRM data through REST as users would create it.
/// </summary>
public sealed class RobotScene : IAsyncDisposable
{
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(60);

    private RobotScene(EmulatedInstall install, EmulatedPortal portal, RobotHost host)
    {
        Install = install;
        Portal = portal;
        Host = host;
        Crm = host.ClientFor(portal);
    }

    public EmulatedInstall Install { get; }
    public EmulatedPortal Portal { get; }
    public RobotHost Host { get; }
    public IBitrix24Client Crm { get; }

    public static async Task<RobotScene> StartAsync(string language = "ru", Dictionary<string, string?>? settings = null, bool runJobs = true)
    {
        var install = await EmulatedInstall.StartAsync();
        var portal = await install.InstallAsync(language);
        var host = await RobotHost.StartAsync(install, runJobs: runJobs, settings: settings);
        await host.RegisterRobotAsync(portal, new CheckDuplicatesRobot());
        return new RobotScene(install, portal, host);
    }

    /// <summary>Adds a lead, contact, company or deal with crm.{type}.add; returns its id.</summary>
    public Task<long> AddAsync(string type, long responsible, string[]? phones = null, string[]? emails = null, JObject? more = null)
    {
        var fields = new JObject { ["TITLE"] = $"{type} для проверки", ["ASSIGNED_BY_ID"] = responsible };
        if (phones is not null) fields["PHONE"] = new JArray(phones.Select(p => new JObject { ["VALUE"] = p, ["VALUE_TYPE"] = "WORK" }));
        if (emails is not null) fields["EMAIL"] = new JArray(emails.Select(e => new JObject { ["VALUE"] = e, ["VALUE_TYPE"] = "WORK" }));
        if (more is not null) fields.Merge(more);
        var calls = type switch
        {
            "LEAD" => Crm.Crm.Leads,
            "CONTACT" => Crm.Crm.Contacts,
            "COMPANY" => Crm.Crm.Companies,
            "DEAL" => Crm.Crm.Deals,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "a legacy CRM type"),
        };
        return calls.AddAsync(fields);
    }

    /// <summary>Bitrix24 runs the duplicate check on the document; waits for what the app sent back.</summary>
    public async Task<RobotResult> RunAsync(string documentId)
    {
        var token = await Portal.RunRobotAsync(CheckDuplicatesRobot.Code, documentId);
        return await Portal.WaitForRobotResultAsync(token, ResultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Install.DisposeAsync();
    }
}

public static class RobotResultValues
{
    /// <summary>A return value as text (numbers and Y/N alike), or null when it was not sent.</summary>
    public static string? Value(this RobotResult result, string key) => result.ReturnValues[key]?.ToString();
}
