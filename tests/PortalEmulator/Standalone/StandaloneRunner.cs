using System.Globalization;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Standalone;

/// <summary>
/// <c>dotnet run --project tests/PortalEmulator -- [--ports OAUTH,PORTAL] [--enterprise] [--client-id X --client-secret Y] [--installer URL] [--finish]</c>:
/// one cloud with one portal, printing what a developer needs to point the app at it. Ctrl+C stops.
/// </summary>
public static class StandaloneRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cloudOptions = new CloudOptions();
        var portalOptions = new PortalOptions();
        Uri? installer = null;
        var finish = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ports" when i + 1 < args.Length:
                    var ports = args[++i].Split(',');
                    cloudOptions.OAuthPort = int.Parse(ports[0], CultureInfo.InvariantCulture);
                    if (ports.Length > 1)
                    {
                        portalOptions.Port = int.Parse(ports[1], CultureInfo.InvariantCulture);
                    }
                    break;
                case "--installer" when i + 1 < args.Length:
                    installer = new Uri(args[++i]);
                    break;
                case "--finish":
                    finish = true;
                    break;
                case "--enterprise":
                    portalOptions.Plan = PortalPlan.Enterprise;
                    break;
                case "--client-id" when i + 1 < args.Length:
                    cloudOptions.ClientId = args[++i];
                    break;
                case "--client-secret" when i + 1 < args.Length:
                    cloudOptions.ClientSecret = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: PortalEmulator [--ports OAUTH_PORT,PORTAL_PORT] [--enterprise] [--installer URL] [--finish] [--client-id ID] [--client-secret SECRET]");
                    return 2;
            }
        }
        await using var cloud = await Bitrix24Cloud.StartAsync(cloudOptions);
        var portal = await cloud.AddPortalAsync(portalOptions);
        var tokens = portal.IssueTokens(1);
        var hook = portal.CreateWebhook(1);
        Console.WriteLine($"OAuth server:    {cloud.OAuthServer}");
        Console.WriteLine($"Token endpoint:  {cloud.TokenEndpoint}");
        Console.WriteLine($"client_id:       {cloud.ClientId}");
        Console.WriteLine($"client_secret:   {cloud.ClientSecret}");
        Console.WriteLine($"Portal domain:   {portal.Domain}");
        Console.WriteLine($"Client endpoint: {portal.ClientEndpoint}");
        Console.WriteLine($"member_id:       {portal.MemberId}");
        Console.WriteLine($"Admin access:    {tokens.AccessToken}");
        Console.WriteLine($"Admin refresh:   {tokens.RefreshToken}");
        Console.WriteLine($"App token:       {portal.App.ApplicationToken}");
        Console.WriteLine($"Webhook:         {hook}");
        if (installer is not null)
        {
            var answer = await portal.PostInstallerAsync(installer);
            Console.WriteLine($"Installer POST:  {installer} -> HTTP {answer.Status}");
        }
        if (finish)
        {
            portal.FinishInstall();
            Console.WriteLine("installFinish:   done (app INSTALLED, events flow)");
        }
        Console.WriteLine("Press Ctrl+C to stop.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
        return 0;
    }
}
