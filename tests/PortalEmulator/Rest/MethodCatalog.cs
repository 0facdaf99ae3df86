using WineB24.PortalEmulator.Bizproc;
using WineB24.PortalEmulator.Catalog;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Events;
using WineB24.PortalEmulator.Placements;
using WineB24.PortalEmulator.Users;

namespace WineB24.PortalEmulator.Rest;

/// <summary>Every method the emulated portal implements, by area.</summary>
public static class MethodCatalog
{
    public static void RegisterAll(MethodRegistry registry)
    {
        AppAndUserMethods.Register(registry);
        LegacyCrmMethods.Register(registry);
        ItemMethods.Register(registry);
        UserFieldMethods.Register(registry);
        RequisiteMethods.Register(registry);
        ProductRowMethods.Register(registry);
        DuplicateMethods.Register(registry);
        DealContactMethods.Register(registry);
        ReferenceMethods.Register(registry);
        EventMethods.Register(registry);
        PlacementMethods.Register(registry);
        RobotMethods.Register(registry);
        TriggerMethods.Register(registry);
        CatalogMethods.Register(registry);
    }
}
