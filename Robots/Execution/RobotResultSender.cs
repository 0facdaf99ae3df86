using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Execution;

/// <summary>Hands a robot's outcome back to the waiting workflow with <c>bizproc.event.send</c> (sheet §6.3).</summary>
public static class RobotResultSender
{
    public static async Task SendAsync(IBitrix24Client client, string eventToken, RobotOutcome outcome, CancellationToken cancellationToken)
    {
        var values = new JObject();
        foreach (var (key, value) in outcome.ReturnValues)
        {
            values[key] = value switch
            {
                bool b => b ? "Y" : "N",   // bizproc bool values are Y/N
                long or int or double or decimal => JToken.FromObject(value),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }
        var log = string.IsNullOrEmpty(outcome.LogMessage) ? null : outcome.LogMessage;
        await client.Bizproc.SendEventAsync(eventToken, values, log, cancellationToken);
    }
}
