using WineB24.PortalEmulator.Limits;

namespace WineB24.PortalEmulator.Catalog;

public static class CatalogWrites
{
    /// <summary>catalog.* add/update/modify calls the portal executed (batch commands included).</summary>
    public static long CatalogWriteCalls(this PortalStats stats) => stats.CallsPerMethod
        .Where(kv => kv.Key.StartsWith("catalog.", StringComparison.OrdinalIgnoreCase)
            && (kv.Key.EndsWith(".add", StringComparison.OrdinalIgnoreCase) || kv.Key.EndsWith(".update", StringComparison.OrdinalIgnoreCase)
                || kv.Key.EndsWith(".modify", StringComparison.OrdinalIgnoreCase)))
        .Sum(kv => kv.Value);
}
