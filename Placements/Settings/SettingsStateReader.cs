using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Placements.Settings;

/// <summary>
/// Reads the portal's connection and registrations as they are now (through the stored admin tokens) and lays
/// them next to what the catalogues declare. A failing call becomes a line in <c>Problems</c>, not a broken page.
/// </summary>
public sealed class SettingsStateReader(
    IPortalDirectory directory,
    IBitrix24ClientFactory clients,
    IEnumerable<IAppManifestContributor> contributors,
    IServiceProvider services)
{
    public async Task<PortalSettingsState?> ReadAsync(string memberId, CancellationToken ct)
    {
        var portal = await directory.FindAsync(memberId, ct);
        if (portal is null) return null;
        var connection = services.GetService(typeof(IPortalConnectionState)) is IPortalConnectionState state
            ? await state.GetAsync(memberId, ct)
            : null;

        var problems = new List<string>();
        var client = clients.ForPortal(memberId);
        var declared = contributors.ToList();

        var info = await TryCallAsync(client, "app.info", problems, ct);
        var rows = new List<RegistrationRow>();
        if (await TryCallAsync(client, "bizproc.robot.list", problems, ct) is { } robots)
        {
            rows.AddRange(RegistrationComparison.Compare(RegistrationComparison.Robot,
                RegistrationComparison.DeclaredRobots(declared), RegistrationComparison.PortalRobots(robots)));
        }
        if (await TryCallAsync(client, "placement.get", problems, ct) is { } placements)
        {
            rows.AddRange(RegistrationComparison.Compare(RegistrationComparison.Placement,
                RegistrationComparison.DeclaredPlacements(declared), RegistrationComparison.PortalPlacements(placements)));
        }
        if (await TryCallAsync(client, "event.get", problems, ct) is { } events)
        {
            rows.AddRange(RegistrationComparison.Compare(RegistrationComparison.Event,
                RegistrationComparison.DeclaredEvents(declared), RegistrationComparison.PortalEvents(events)));
        }

        return new PortalSettingsState(
            portal.MemberId,
            portal.Domain,
            portal.Installed,
            connection?.NeedsAttention,
            connection is { NeedsAttention: true } ? $"{connection.AttentionCode} {connection.AttentionReason}".Trim() : null,
            connection?.LastTokenRefreshAt,
            info?.Value<string?>("LICENSE"),
            info?.Value<string?>("STATUS"),
            rows,
            problems);
    }

    private static async Task<JToken?> TryCallAsync(IBitrix24Client client, string method, List<string> problems, CancellationToken ct)
    {
        try
        {
            return (await client.CallAsync(method, null, CallKind.Read, ct)).Result;
        }
        catch (Bitrix24Exception ex)
        {
            problems.Add($"{method}: {ex.Code} {ex.Description}");
            return null;
        }
        catch (HttpRequestException ex)
        {
            problems.Add($"{method}: {ex.Message}");
            return null;
        }
    }
}
