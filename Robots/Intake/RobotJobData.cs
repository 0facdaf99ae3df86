using System.Globalization;
using Newtonsoft.Json;
using Quartz;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Intake;

/// <summary>
/// How an invocation is kept in the Quartz store: plain strings only (works with <c>UseProperties</c>), and no
/// OAuth token — the event_token is a workflow handle, not a credential to the portal.
/// </summary>
public static class RobotJobData
{
    public const string Group = "wineb24-robots";
    private const string Invocation = "invocation";
    public const string Attempt = "attempt";
    public const string Outcome = "outcome";
    /// <summary>Set on the trigger that removes a finished call's key after <c>DeliveryMemory</c>.</summary>
    public const string Finished = "finished";

    /// <summary>
    /// One job per (portal, event_token): a repeated delivery of the same robot call maps to the same key. Hashed
    /// because the token is long and holds '|'.
    /// </summary>
    public static JobKey KeyFor(string memberId, string eventToken)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(memberId + "\n" + eventToken));
        return new JobKey("robot-" + Convert.ToHexStringLower(hash), Group);
    }

    public static JobDataMap Write(RobotInvocation invocation) => new()
    {
        [Invocation] = JsonConvert.SerializeObject(invocation),
    };

    public static RobotInvocation Read(JobDataMap map)
    {
        var json = map.GetString(Invocation) ?? throw new InvalidOperationException("Robot job has no invocation");
        return JsonConvert.DeserializeObject<RobotInvocation>(json) ?? throw new InvalidOperationException("Robot job invocation is empty");
    }

    public static int ReadAttempt(JobDataMap map) =>
        int.TryParse(map.GetString(Attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    public static RobotOutcome? ReadOutcome(JobDataMap map)
    {
        var json = map.GetString(Outcome);
        if (string.IsNullOrEmpty(json)) return null;
        var stored = JsonConvert.DeserializeObject<StoredOutcome>(json);
        return stored is null ? null : new RobotOutcome(stored.ReturnValues, stored.LogMessage);
    }

    public static string WriteOutcome(RobotOutcome outcome) =>
        JsonConvert.SerializeObject(new StoredOutcome(new Dictionary<string, object>(outcome.ReturnValues), outcome.LogMessage));

    private sealed record StoredOutcome(Dictionary<string, object> ReturnValues, string? LogMessage);
}
