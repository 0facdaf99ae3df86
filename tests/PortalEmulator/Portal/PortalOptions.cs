namespace WineB24.PortalEmulator.Portal;

public enum PortalPlan
{
    /// <summary>All plans but Enterprise: 2 req/s, burst 50.</summary>
    Standard,

    /// <summary>5 req/s, burst 250.</summary>
    Enterprise,
}

/// <summary>How one emulated portal behaves. Unset values follow the plan and Bitrix24 cloud defaults.</summary>
public sealed class PortalOptions
{
    public PortalPlan Plan { get; set; } = PortalPlan.Standard;

    /// <summary>Overrides the plan's drain rate.</summary>
    public double? RatePerSecond { get; set; }

    /// <summary>Overrides the plan's bucket size.</summary>
    public int? Burst { get; set; }

    /// <summary>Seconds of execution per method per app in a 10-minute window; 0 disables the limit.</summary>
    public double OperatingLimitSeconds { get; set; } = 480;

    /// <summary>Simulated execution time of a call, counted into operating and shown in <c>time.processing</c>.</summary>
    public double DefaultMethodCostSeconds { get; set; } = 0.01;

    /// <summary>Per-method cost overrides, e.g. <c>["crm.deal.list"] = 2.5</c>.</summary>
    public Dictionary<string, double> MethodCostSeconds { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    public string Language { get; set; } = "ru";

    /// <summary>Null = <c>ru_std</c> for Standard, <c>ru_ent250</c> for Enterprise.</summary>
    public string? License { get; set; }

    /// <summary>Null = the cloud's clock.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Offset used in <c>date_start</c>/<c>DATE_CREATE</c> (Moscow by default).</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(3);

    /// <summary>32 lower-case hex chars; null = random.</summary>
    public string? MemberId { get; set; }

    public string AdminName { get; set; } = "Анна";

    public string AdminLastName { get; set; } = "Администраторова";

    /// <summary>Seed for fault injection draws.</summary>
    public int Seed { get; set; } = 24;

    /// <summary>0 = ephemeral port.</summary>
    public int Port { get; set; }

    /// <summary>App status letter reported by app.info / installer (<c>F</c>, <c>D</c>, <c>T</c>, <c>P</c>, <c>L</c>).</summary>
    public string AppStatus { get; set; } = "P";

    internal double EffectiveRate => RatePerSecond ?? (Plan == PortalPlan.Enterprise ? 5 : 2);

    internal int EffectiveBurst => Burst ?? (Plan == PortalPlan.Enterprise ? 250 : 50);

    internal string EffectiveLicense => License ?? (Plan == PortalPlan.Enterprise ? "ru_ent250" : "ru_std");

    internal double CostOf(string method) => MethodCostSeconds.TryGetValue(method, out var c) ? c : DefaultMethodCostSeconds;
}
