using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Users;

namespace WineB24.PortalEmulator.Rest;

/// <summary>Every method the emulated portal implements, by area.</summary>
public static class MethodCatalog
{
    public static void RegisterAll(MethodRegistry registry)
    {
        AppAndUserMethods.Register(registry);
        LegacyCrmMethods.Register(registry);
    }
}
