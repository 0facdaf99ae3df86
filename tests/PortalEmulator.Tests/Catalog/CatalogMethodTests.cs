using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Catalog;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Catalog;

public sealed class CatalogMethodTests
{
    internal static JsonObject Fields(params (string Key, JsonNode? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs) o[k] = v;
        return new JsonObject { ["fields"] = o };
    }

    private static async Task<int> AddProductAsync(EmulatorFixture f, string name, string? xmlId = null)
    {
        var answer = await f.CallAsync("catalog.product.add", Fields(("iblockId", CatalogStore.ProductIblockId), ("name", name), ("xmlId", xmlId)));
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Body?.ToJsonString());
        return answer.Result!["element"]!["id"]!.GetValue<int>();
    }

    [Fact]
    public async Task Catalog_list_names_the_product_iblock_and_its_sku_iblock()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var answer = await f.CallAsync("catalog.catalog.list");
        var catalogs = answer.Result!["catalogs"]!.AsArray();
        catalogs.Should().HaveCount(2);
        catalogs.Single(c => c!["productIblockId"] is null)!["iblockId"]!.GetValue<int>().Should().Be(CatalogStore.ProductIblockId);
    }

    [Fact]
    public async Task Product_add_requires_fields_and_known_iblock_and_defaults_xml_id_to_the_id()
    {
        await using var f = await EmulatorFixture.StartAsync();
        (await f.CallAsync("catalog.product.add")).Error.Should().Be("100");
        var missingName = await f.CallAsync("catalog.product.add", Fields(("iblockId", 23)));
        missingName.Status.Should().Be(HttpStatusCode.BadRequest);
        missingName.Error.Should().Be("0");
        (await f.CallAsync("catalog.product.add", Fields(("iblockId", 7), ("name", "Вино")))).Error.Should().Be("200040300000");

        var id = await AddProductAsync(f, "Шабли Премьер Крю 2019");
        var got = await f.CallAsync("catalog.product.get", new JsonObject { ["id"] = id });
        got.Result!["product"]!["xmlId"]!.GetValue<string>().Should().Be(id.ToString());
        got.Result!["product"]!["active"]!.GetValue<string>().Should().Be("Y");
    }

    [Fact]
    public async Task Product_add_is_admin_only()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var user = f.Portal.AddUser("Пётр", admin: false);
        var token = f.Portal.IssueTokens(user.Id).AccessToken;
        var answer = await f.CallAsync("catalog.product.add", Fields(("iblockId", 23), ("name", "Вино")), token);
        answer.Status.Should().Be(HttpStatusCode.Forbidden);
        answer.Error.Should().Be("ACCESS_DENIED");
    }

    [Fact]
    public async Task Product_list_requires_id_and_iblock_in_select_and_iblock_in_filter_and_pages_by_50()
    {
        await using var f = await EmulatorFixture.StartAsync(new PortalOptions { Burst = 500 });
        for (var i = 0; i < 55; i++) await AddProductAsync(f, $"Вино {i}", $"guid-{i}");
        (await f.CallAsync("catalog.product.list", new JsonObject { ["select"] = new JsonArray("id"), ["filter"] = new JsonObject { ["iblockId"] = 23 } }))
            .Error.Should().Be("0");
        (await f.CallAsync("catalog.product.list", new JsonObject { ["select"] = new JsonArray("id", "iblockId") })).Error.Should().Be("0");

        var first = await f.CallAsync("catalog.product.list", new JsonObject
        {
            ["select"] = new JsonArray("id", "iblockId", "xmlId"), ["filter"] = new JsonObject { ["iblockId"] = 23 },
        });
        first.Result!["products"]!.AsArray().Should().HaveCount(50);
        first.Body!["next"]!.GetValue<int>().Should().Be(50);
        first.Body!["total"]!.GetValue<int>().Should().Be(55);
        first.Result!["products"]![0]!.AsObject().Select(kv => kv.Key).Should().BeEquivalentTo("id", "iblockId", "xmlId");

        var byXml = await f.CallAsync("catalog.product.list", new JsonObject
        {
            ["select"] = new JsonArray("id", "iblockId", "xmlId"), ["filter"] = new JsonObject { ["iblockId"] = 23, ["@xmlId"] = new JsonArray("guid-3", "guid-54") },
        });
        byXml.Result!["products"]!.AsArray().Select(p => p!["xmlId"]!.GetValue<string>()).Should().Equal("guid-3", "guid-54");
    }

    [Fact]
    public async Task List_property_takes_only_its_enum_ids_and_returns_value_and_value_id()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var property = await f.CallAsync("catalog.productProperty.add", Fields(("iblockId", 23), ("name", "Цвет"), ("propertyType", "L"), ("code", "COLOR")));
        var propertyId = property.Result!["productProperty"]!["id"]!.GetValue<int>();
        var red = await f.CallAsync("catalog.productPropertyEnum.add", Fields(("propertyId", propertyId), ("value", "Красное"), ("xmlId", "red")));
        var redId = red.Result!["productPropertyEnum"]!["id"]!.GetValue<int>();
        (await f.CallAsync("catalog.productPropertyEnum.add", Fields(("propertyId", propertyId), ("value", "Красное"), ("xmlId", "red")))).Error.Should().Be("0");

        var bad = await f.CallAsync("catalog.product.add", Fields(("iblockId", 23), ("name", "Вино"), ($"property{propertyId}", 999)));
        bad.Error.Should().Be("0");
        f.Portal.Catalog.ProductCount.Should().Be(0);

        var ok = await f.CallAsync("catalog.product.add", Fields(("iblockId", 23), ("name", "Вино"), ($"property{propertyId}", new JsonObject { ["value"] = redId })));
        ok.Result!["element"]![$"property{propertyId}"]!["value"]!.GetValue<string>().Should().Be(redId.ToString());
        ok.Result!["element"]![$"property{propertyId}"]!["valueId"].Should().NotBeNull();
    }

    [Fact]
    public async Task Property_update_needs_the_iblock_keeps_the_type_and_frees_a_code()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var added = await f.CallAsync("catalog.productProperty.add", Fields(("iblockId", 23), ("name", "Цвет"), ("propertyType", "S"), ("code", "COLOR")));
        var id = added.Result!["productProperty"]!["id"]!.GetValue<int>();

        var noIblock = await f.CallAsync("catalog.productProperty.update", new JsonObject { ["id"] = id, ["fields"] = new JsonObject { ["name"] = "x" } });
        noIblock.Error.Should().Be("0");
        var retype = await f.CallAsync("catalog.productProperty.update", new JsonObject
        {
            ["id"] = id, ["fields"] = new JsonObject { ["iblockId"] = 23, ["propertyType"] = "L" },
        });
        retype.Error.Should().Be("0", "a property's base type cannot be changed");
        (await f.CallAsync("catalog.productProperty.update", new JsonObject { ["id"] = 999, ["fields"] = new JsonObject { ["iblockId"] = 23 } }))
            .Status.Should().Be(HttpStatusCode.BadRequest);

        var retired = await f.CallAsync("catalog.productProperty.update", new JsonObject
        {
            ["id"] = id, ["fields"] = new JsonObject { ["iblockId"] = 23, ["code"] = "COLOR_OLD", ["active"] = "N" },
        });
        retired.Result!["productProperty"]!["active"]!.GetValue<string>().Should().Be("N");
        (await f.CallAsync("catalog.productProperty.add", Fields(("iblockId", 23), ("name", "Цвет"), ("propertyType", "L"), ("code", "COLOR"))))
            .Status.Should().Be(HttpStatusCode.OK, "the code is free again");
        (await f.CallAsync("catalog.productProperty.update", new JsonObject { ["id"] = id, ["fields"] = new JsonObject { ["iblockId"] = 23, ["code"] = "COLOR" } }))
            .Error.Should().Be("0", "codes stay unique");
    }

    [Fact]
    public async Task Quantity_is_read_only_under_inventory_management()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var id = await AddProductAsync(f, "Вино");
        var set = await f.CallAsync("catalog.product.update", new JsonObject { ["id"] = id, ["fields"] = new JsonObject { ["quantity"] = 12 } });
        set.Result!["element"]!["quantity"]!.GetValue<double>().Should().Be(12);

        (await f.CallAsync("catalog.document.mode.status")).Result!.GetValue<string>().Should().Be("N");
        f.Portal.Catalog.InventoryManagement = true;
        (await f.CallAsync("catalog.document.mode.status")).Result!.GetValue<string>().Should().Be("Y");
        var refused = await f.CallAsync("catalog.product.update", new JsonObject { ["id"] = id, ["fields"] = new JsonObject { ["quantity"] = 5, ["name"] = "Другое" } });
        refused.Error.Should().Be("0");
        var got = await f.CallAsync("catalog.product.get", new JsonObject { ["id"] = id });
        got.Result!["product"]!["quantity"]!.GetValue<double>().Should().Be(12);
        got.Result!["product"]!["name"]!.GetValue<string>().Should().Be("Вино");
    }

    [Fact]
    public async Task Prices_need_product_type_currency_and_are_unique_per_type_modify_replaces_the_set()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var wholesale = f.Portal.Catalog.AddPriceType("WHOLESALE", "Оптовая");
        var id = await AddProductAsync(f, "Вино");
        var types = await f.CallAsync("catalog.priceType.list");
        types.Result!["priceTypes"]!.AsArray().Should().HaveCount(2);

        (await f.CallAsync("catalog.price.add", Fields(("productId", id), ("catalogGroupId", 1), ("price", 100)))).Error.Should().Be("0");
        (await f.CallAsync("catalog.price.add", Fields(("productId", id), ("catalogGroupId", 77), ("price", 100), ("currency", "RUB")))).Error.Should().Be("0");
        (await f.CallAsync("catalog.price.add", Fields(("productId", id), ("catalogGroupId", 1), ("price", 100), ("currency", "XXX")))).Error.Should().Be("0");
        var added = await f.CallAsync("catalog.price.add", Fields(("productId", id), ("catalogGroupId", 1), ("price", 1250.5), ("currency", "RUB")));
        var priceId = added.Result!["price"]!["id"]!.GetValue<int>();
        (await f.CallAsync("catalog.price.add", Fields(("productId", id), ("catalogGroupId", 1), ("price", 1), ("currency", "RUB")))).Error.Should().Be("0");

        var updated = await f.CallAsync("catalog.price.update", new JsonObject { ["id"] = priceId, ["fields"] = new JsonObject { ["price"] = 1300 } });
        updated.Result!["price"]!["price"]!.GetValue<double>().Should().Be(1300);

        var modified = await f.CallAsync("catalog.price.modify", new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["product"] = new JsonObject
                {
                    ["id"] = id,
                    ["prices"] = new JsonArray(new JsonObject { ["catalogGroupId"] = wholesale, ["price"] = 900, ["currency"] = "RUB" }),
                },
            },
        });
        modified.Status.Should().Be(HttpStatusCode.OK, modified.Body?.ToJsonString());
        f.Portal.Catalog.AllPrices().Should().ContainSingle().Which["catalogGroupId"]!.GetValue<int>().Should().Be(wholesale);
    }

    [Fact]
    public async Task Store_add_requires_address_and_balances_are_read_only()
    {
        await using var f = await EmulatorFixture.StartAsync();
        (await f.CallAsync("catalog.store.add", Fields(("title", "Склад")))).Error.Should().Be("0");
        var store = await f.CallAsync("catalog.store.add", Fields(("title", "Основной склад"), ("address", "Москва, ул. Виноградная, 1"), ("xmlId", "wh-1")));
        var storeId = store.Result!["store"]!["id"]!.GetValue<int>();
        var productId = await AddProductAsync(f, "Вино");
        f.Portal.Catalog.SetStoreAmount(productId, storeId, 42);

        var balances = await f.CallAsync("catalog.storeproduct.list", new JsonObject { ["filter"] = new JsonObject { ["productId"] = productId } });
        balances.Result!["storeProducts"]![0]!["amount"]!.GetValue<double>().Should().Be(42);
        (await f.CallAsync("catalog.storeproduct.add", Fields(("productId", productId)))).Error.Should().Be("ERROR_METHOD_NOT_FOUND");
    }

    [Fact]
    public async Task Catalog_calls_in_a_batch_use_php_query_strings()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var answer = await f.CallAsync("batch", new JsonObject
        {
            ["halt"] = 0,
            ["cmd"] = new JsonObject
            {
                ["a"] = "catalog.product.add?fields[iblockId]=23&fields[name]=%D0%92%D0%B8%D0%BD%D0%BE&fields[xmlId]=g1&fields[quantity]=3",
                ["b"] = "catalog.price.add?fields[productId]=$result[a][element][id]&fields[catalogGroupId]=1&fields[price]=99.9&fields[currency]=RUB",
                ["c"] = "catalog.product.add?fields[iblockId]=23",
            },
        });
        answer.Result!["result"]!["a"]!["element"]!["name"]!.GetValue<string>().Should().Be("Вино");
        answer.Result!["result"]!["b"]!["price"]!["price"]!.GetValue<double>().Should().Be(99.9);
        answer.Result!["result_error"]!["c"]!["error"]!.GetValue<string>().Should().Be("0");
    }
}
