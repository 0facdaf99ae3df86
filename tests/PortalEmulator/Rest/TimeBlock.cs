using System.Globalization;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Rest;

/// <summary>The <c>time</c> member: start/finish as unix seconds with fractions, ISO dates in the portal's offset.</summary>
public static class TimeBlock
{
    public static JsonObject Build(DateTimeOffset start, double seconds, TimeSpan offset, (double Operating, long ResetAt)? operating)
    {
        var finish = start.AddSeconds(seconds);
        var block = new JsonObject
        {
            ["start"] = Unix(start),
            ["finish"] = Unix(finish),
            ["duration"] = Math.Round(seconds, 6),
            ["processing"] = Math.Round(seconds, 6),
            ["date_start"] = Iso(start, offset),
            ["date_finish"] = Iso(finish, offset),
        };
        if (operating is { } op)
        {
            block["operating_reset_at"] = op.ResetAt;
            block["operating"] = Math.Round(op.Operating, 6);
        }
        return block;
    }

    public static double Unix(DateTimeOffset t) => Math.Round(t.ToUnixTimeMilliseconds() / 1000.0 + (t.Ticks % 10_000) / 10_000_000.0, 6);

    public static string Iso(DateTimeOffset t, TimeSpan offset) => t.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
