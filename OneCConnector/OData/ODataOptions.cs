using System.ComponentModel.DataAnnotations;

namespace WineB24.OneCConnector.OData;

/// <summary>Bound from <c>OneC:OData</c> and validated at start.</summary>
public sealed class ODataOptions
{
    public const string Section = "OneC:OData";

    /// <summary>One request to 1C; a Balance over a large register can take a while on a busy infobase.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Tries per request when 1C or its web server is down (5xx, connection lost, timeout).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First pause between tries; doubles each time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows per <c>$top</c>/<c>$skip</c> page (1C has no server-driven paging).</summary>
    [Range(10, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>After 401 the portal's runs skip 1C until the password changes or this much time passed (no retry storms).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AuthRetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Connections for automated deployments, by member_id; they win over what the settings page saved.</summary>
    public Dictionary<string, ODataPortalSettings> Portals { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One portal's 1C OData connection as configuration gives it (<c>OneC:OData:Portals:{member_id}</c>).</summary>
public sealed class ODataPortalSettings
{
    /// <summary><c>http(s)://host/publication/odata/standard.odata/</c>.</summary>
    public string? Url { get; set; }
    public string? Login { get; set; }
    public string? Password { get; set; }

    /// <summary><c>Ut11</c>, <c>Ka2</c>, <c>Erp</c>, <c>Unf</c> or <c>Bp30</c>.</summary>
    public OneCConfiguration Configuration { get; set; } = OneCConfiguration.Ut11;

    /// <summary>Minutes between receivables refreshes; 0 turns it off.</summary>
    public int ReceivablesEveryMinutes { get; set; } = 15;

    /// <summary>Minutes between counterparty reads; 0 turns it off.</summary>
    public int CounterpartiesEveryMinutes { get; set; } = 60;

    /// <summary>
    /// Minutes between stock reads; 0 (default) turns it off. Only for portals whose 1C does not run the CommerceML
    /// catalogue exchange — once it does, stock runs are skipped.
    /// </summary>
    public int StockEveryMinutes { get; set; }

    /// <summary>Names that differ from the preset on this infobase (extensions, renamed objects).</summary>
    public ODataNames? Names { get; set; }
}
