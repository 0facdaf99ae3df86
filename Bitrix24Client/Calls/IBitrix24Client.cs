using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24Client.Calls;

/// <summary>One portal's REST API, rate-limited and authenticated. Thread-safe; share one per portal.</summary>
public interface IBitrix24Client
{
    /// <summary>Member id of the portal (null for an inbound webhook).</summary>
    string? MemberId { get; }

    /// <summary>Calls any REST method. <paramref name="parameters"/> is an object or JObject serialised as JSON.</summary>
    Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default);
}

/// <summary>A successful REST envelope.</summary>
public sealed record Bitrix24Response(JToken Result, int? Total, int? Next, ResponseTime? Time);

/// <summary>The <c>time</c> block; <see cref="Operating"/> and <see cref="OperatingResetAt"/> are absent on some portals.</summary>
public sealed record ResponseTime(double Start, double Finish, double Duration, double Processing, double? Operating, long? OperatingResetAt);
