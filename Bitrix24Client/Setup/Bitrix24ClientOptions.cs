using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24Client.Setup;

/// <summary>Settings bound from the <c>Bitrix24</c> configuration section.</summary>
public sealed class Bitrix24ClientOptions
{
    public const string Section = "Bitrix24";

    /// <summary>The app's client id from the Market version card.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The app's client secret; sent only to <see cref="OAuthServer"/>, never to a portal, never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Where tokens are refreshed (<c>{OAuthServer}/oauth/token/</c>).</summary>
    public Uri OAuthServer { get; set; } = new("https://oauth.bitrix.info");

    /// <summary>Per-request timeout; Bitrix24 cloud itself stops a request after 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(65);

    /// <summary>The User-Agent every request carries.</summary>
    public string UserAgent { get; set; } = "WineB24-Bitrix24Client/1.0 (+https://github.com/wineb24)";

    public Bitrix24LimitOptions Limits { get; set; } = new();

    public Bitrix24RetryOptions Retry { get; set; } = new();
}

/// <summary>Portal limits the SDK mirrors so that the app does not cause limit errors (sheet §4).</summary>
public sealed class Bitrix24LimitOptions
{
    /// <summary>Leaky-bucket drain rate; 2/s on every plan but Enterprise (5/s).</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Bucket size; 50 on every plan but Enterprise (250).</summary>
    public int Burst { get; set; } = 50;

    /// <summary>Execution-time budget per method per 10-minute window (480 s in the docs' example).</summary>
    public double OperatingBudgetSeconds { get; set; } = 480;

    /// <summary>Above this share of the budget calls of that method are spaced out.</summary>
    public double OperatingThrottleFraction { get; set; } = 0.8;

    public PortalLimits ToPortalLimits() => new(RequestsPerSecond, Burst, OperatingBudgetSeconds, OperatingThrottleFraction);
}

public sealed class Bitrix24RetryOptions
{
    /// <summary>Retries after 5xx, timeouts and resets (Read and IdempotentWrite only).</summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>First transient back-off; doubles each try, with jitter.</summary>
    public TimeSpan TransientBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after QUERY_LIMIT_EXCEEDED / OPERATION_TIME_LIMIT (the portal did not run the call).</summary>
    public int LimitRetries { get; set; } = 10;

    /// <summary>Wait after OPERATION_TIME_LIMIT when the portal never told us operating_reset_at.</summary>
    public TimeSpan OperatingFallbackWait { get; set; } = TimeSpan.FromSeconds(60);
}
