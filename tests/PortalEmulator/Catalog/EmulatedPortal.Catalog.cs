using WineB24.PortalEmulator.Catalog;

namespace WineB24.PortalEmulator.Portal;

public sealed partial class EmulatedPortal
{
    private CatalogStore? _catalog;

    /// <summary>The trade catalogue behind catalog.* (in memory, readable by tests).</summary>
    public CatalogStore Catalog
    {
        get
        {
            lock (Sync)
            {
                return _catalog ??= new CatalogStore();
            }
        }
    }
}
