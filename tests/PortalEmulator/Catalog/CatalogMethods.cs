using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>The catalog.* methods (scope <c>catalog</c>).</summary>
public static class CatalogMethods
{
    public static void Register(MethodRegistry registry)
    {
        ProductMethods.Register(registry);
        SkuMethods.Register(registry);
        OfferMethods.Register(registry);
        PropertyMethods.Register(registry);
        SectionMethods.Register(registry);
        PriceMethods.Register(registry);
        StoreMethods.Register(registry);
    }
}
