using System.Globalization;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// The portal's trade catalogue (CRM catalogue iblock 23 with its SKU iblock 25): sections, product properties and
/// their list values, products, price types (BASE = 1), prices, stores and per-store balances. Records are kept as
/// the camelCase JSON the catalog.* methods return. Guarded by the portal's handler lock.
/// </summary>
public sealed class CatalogStore
{
    public const int ProductIblockId = 23;
    public const int OffersIblockId = 25;
    public const int BasePriceTypeId = 1;

    internal static readonly string[] Currencies = ["RUB", "USD", "EUR", "BYN", "KZT", "UAH"];

    internal Dictionary<int, JsonObject> Sections { get; } = [];
    internal Dictionary<int, JsonObject> Properties { get; } = [];
    internal Dictionary<int, JsonObject> PropertyEnums { get; } = [];
    internal IndexedRecords Products { get; } = new("xmlId");
    /// <summary>Variation ids by parent product id (catalog.product.offer.* <c>parentId</c>).</summary>
    internal Dictionary<int, HashSet<int>> OffersByParent { get; } = [];
    internal Dictionary<int, JsonObject> PriceTypes { get; } = [];
    internal IndexedRecords Prices { get; } = new("productId");
    internal Dictionary<int, JsonObject> Stores { get; } = [];
    internal Dictionary<int, JsonObject> StoreProducts { get; } = [];

    internal int NextSectionId { get; set; } = 1;
    internal int NextPropertyId { get; set; } = 100;
    internal int NextEnumId { get; set; } = 1;
    internal int NextProductId { get; set; } = 1;
    internal int NextPriceId { get; set; } = 1;
    internal int NextStoreId { get; set; } = 1;
    internal int NextStoreProductId { get; set; } = 1;
    private int _nextValueId = 1;

    internal CatalogStore()
    {
        AddPriceType("BASE", "Базовая цена", isBase: true);
    }

    /// <summary>
    /// Inventory management (складской учёт) on: <c>quantity</c>, <c>quantityReserved</c> and <c>purchasingPrice</c>
    /// can no longer be written through catalog.product.*; stock changes only through inventory documents.
    /// </summary>
    public bool InventoryManagement { get; set; }

    public int ProductCount => Products.Count;

    public int PriceCount => Prices.Count;

    /// <summary>A price type as the portal admin would create it in the UI (the REST surface only lists them).</summary>
    public int AddPriceType(string name, string title, bool isBase = false, string? xmlId = null)
    {
        var id = PriceTypes.Count == 0 ? BasePriceTypeId : PriceTypes.Keys.Max() + 1;
        PriceTypes[id] = new JsonObject
        {
            ["id"] = id, ["name"] = name, ["base"] = isBase ? "Y" : "N", ["sort"] = id * 100, ["xmlId"] = xmlId ?? name,
            ["lang"] = new JsonObject { ["ru"] = new JsonObject { ["name"] = title } },
        };
        return id;
    }

    /// <summary>What an inventory document would leave behind: a store balance (tests use it as a fixture).</summary>
    public void SetStoreAmount(int productId, int storeId, double amount)
    {
        var row = StoreProducts.Values.FirstOrDefault(r => (int)r["productId"]! == productId && (int)r["storeId"]! == storeId);
        if (row is null)
        {
            var id = NextStoreProductId++;
            StoreProducts[id] = new JsonObject { ["id"] = id, ["productId"] = productId, ["storeId"] = storeId, ["amount"] = amount, ["quantityReserved"] = 0 };
        }
        else
        {
            row["amount"] = amount;
        }
    }

    public JsonObject? FindProductByXmlId(string xmlId) =>
        Products.Values.FirstOrDefault(p => string.Equals((string?)p["xmlId"], xmlId, StringComparison.Ordinal))?.DeepClone().AsObject();

    public IReadOnlyList<JsonObject> AllProducts() => Products.Values.Select(p => p.DeepClone().AsObject()).ToList();

    /// <summary>Variations (type 4/5, offers iblock 25) with <c>parentId</c> as <c>{value, valueId}</c>.</summary>
    public IReadOnlyList<JsonObject> AllVariations() =>
        Products.Values.Where(ProductTypes.IsVariation).Select(p => p.DeepClone().AsObject()).ToList();

    public IReadOnlyList<JsonObject> AllPrices() => Prices.Values.Select(p => p.DeepClone().AsObject()).ToList();

    public IReadOnlyList<JsonObject> AllStores() => Stores.Values.Select(p => p.DeepClone().AsObject()).ToList();

    public IReadOnlyList<JsonObject> AllSections() => Sections.Values.Select(p => p.DeepClone().AsObject()).ToList();

    public IReadOnlyList<JsonObject> AllPropertyEnums() => PropertyEnums.Values.Select(p => p.DeepClone().AsObject()).ToList();

    public IReadOnlyList<JsonObject> AllProperties() => Properties.Values.Select(p => p.DeepClone().AsObject()).ToList();

    internal string NextValueId() => (_nextValueId++).ToString(CultureInfo.InvariantCulture);
}
