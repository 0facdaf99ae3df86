using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Catalog;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Catalog;

/// <summary>Parent products (catalog.product.sku.*) and variations (catalog.product.offer.*) as b24restdocs describes them.</summary>
public sealed class VariationMethodTests
{
    private static JsonObject Fields(params (string Key, JsonNode? Value)[] pairs) => CatalogMethodTests.Fields(pairs);

    private static async Task<int> AddAsync(EmulatorFixture f, string method, string wrapper, params (string Key, JsonNode? Value)[] pairs)
    {
        var answer = await f.CallAsync(method, Fields(pairs));
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Body?.ToJsonString());
        return answer.Result![wrapper]!["id"]!.GetValue<int>();
    }

    private static async Task<int> TypeAsync(EmulatorFixture f, int id) =>
        (await f.CallAsync("catalog.product.get", new JsonObject { ["id"] = id })).Result!["product"]!["type"]!.GetValue<int>();

    [Fact]
    public async Task A_variation_lives_in_the_offers_iblock_under_its_parent_which_becomes_a_product_with_variations()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var parent = await AddAsync(f, "catalog.product.add", "element", ("iblockId", 23), ("name", "Шабли Премье Крю"), ("xmlId", "P1"));
        (await TypeAsync(f, parent)).Should().Be(1);

        var added = await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25), ("name", "Шабли Премье Крю 2019, 1,5 л"),
            ("xmlId", "P1#C1"), ("parentId", parent), ("quantity", 4)));

        added.Status.Should().Be(HttpStatusCode.OK, added.Body?.ToJsonString());
        var offer = added.Result!["offer"]!;
        offer["type"]!.GetValue<int>().Should().Be(4);
        offer["iblockId"]!.GetValue<int>().Should().Be(25);
        offer["parentId"]!["value"]!.GetValue<string>().Should().Be(parent.ToString());
        offer["parentId"]!["valueId"].Should().NotBeNull();
        offer["quantity"]!.GetValue<double>().Should().Be(4);
        (await TypeAsync(f, parent)).Should().Be(3, "a simple product with a variation is a parent product with variations");

        var price = await f.CallAsync("catalog.price.add", Fields(("productId", offer["id"]!.GetValue<int>()), ("catalogGroupId", 1), ("price", 5400), ("currency", "RUB")));
        price.Status.Should().Be(HttpStatusCode.OK, "prices belong to the variation");

        var parentQuantity = await f.CallAsync("catalog.product.sku.update", new JsonObject { ["id"] = parent, ["fields"] = new JsonObject { ["quantity"] = 5 } });
        parentQuantity.Status.Should().Be(HttpStatusCode.BadRequest, "a parent's stock is its variations' in the cloud");
        parentQuantity.Error.Should().Be("0");
        (await f.CallAsync("catalog.product.update", new JsonObject { ["id"] = parent, ["fields"] = new JsonObject { ["quantity"] = 5 } })).Error.Should().Be("0");

        var renamed = await f.CallAsync("catalog.product.sku.update", new JsonObject { ["id"] = parent, ["fields"] = new JsonObject { ["name"] = "Шабли" } });
        renamed.Result!["sku"]!["name"]!.GetValue<string>().Should().Be("Шабли");
        renamed.Result!["sku"]!["type"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Validation_follows_the_documented_codes()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var simple = await AddAsync(f, "catalog.product.add", "element", ("iblockId", 23), ("name", "Вино"));
        var parent = await AddAsync(f, "catalog.product.sku.add", "sku", ("iblockId", 23), ("name", "Бордо"));
        var offer = await AddAsync(f, "catalog.product.offer.add", "offer", ("iblockId", 25), ("name", "Бордо 2018"), ("parentId", parent));

        (await f.CallAsync("catalog.product.offer.add")).Error.Should().Be("100");
        (await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25)))).Error.Should().Be("0", "name is required");
        (await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 23), ("name", "x")))).Error.Should().Be("200040300000", "variations go to the offers iblock");
        (await f.CallAsync("catalog.product.sku.add", Fields(("iblockId", 25), ("name", "x")))).Error.Should().Be("200040300000", "parents go to the product iblock");
        var orphan = await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25), ("name", "x"), ("parentId", 9999)));
        orphan.Status.Should().Be(HttpStatusCode.BadRequest);
        orphan.Error.Should().Be("0");
        (await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25), ("name", "x"), ("parentId", offer)))).Error
            .Should().Be("0", "a variation cannot be a parent");
        (await f.CallAsync("catalog.product.offer.update", new JsonObject { ["id"] = simple, ["fields"] = new JsonObject { ["name"] = "x" } })).Error
            .Should().Be("0", "offer.* see variations only");
        (await f.CallAsync("catalog.product.sku.get", new JsonObject { ["id"] = offer })).Error.Should().Be("0", "sku.* see parents only");
        (await f.CallAsync("catalog.product.sku.update", new JsonObject { ["id"] = simple, ["fields"] = new JsonObject { ["name"] = "x" } })).Error.Should().Be("0");
        (await f.CallAsync("catalog.product.offer.list", new JsonObject { ["select"] = new JsonArray("id"), ["filter"] = new JsonObject { ["iblockId"] = 25 } })).Error.Should().Be("0");
        (await f.CallAsync("catalog.product.offer.list", new JsonObject { ["select"] = new JsonArray("id", "iblockId") })).Error.Should().Be("0");
        (await f.CallAsync("catalog.product.sku.get", new JsonObject { ["id"] = parent })).Result!["sku"]!["type"]!.GetValue<int>().Should().Be(3);

        var free = await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25), ("name", "Без товара")));
        free.Result!["offer"]!["type"]!.GetValue<int>().Should().Be(5, "a variation without a product");

        var user = f.Portal.AddUser("Пётр", admin: false);
        var denied = await f.CallAsync("catalog.product.offer.add", Fields(("iblockId", 25), ("name", "x")), f.Portal.IssueTokens(user.Id).AccessToken);
        denied.Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Offer_list_pages_by_50_and_filters_by_parent_and_xml_id()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var first = await AddAsync(f, "catalog.product.add", "element", ("iblockId", 23), ("name", "Риоха"));
        var second = await AddAsync(f, "catalog.product.add", "element", ("iblockId", 23), ("name", "Кава"));
        foreach (var chunk in Enumerable.Range(0, 60).Chunk(30)) // in batches: 60 single calls would meet the rate limit
        {
            var cmd = new JsonObject();
            foreach (var i in chunk)
            {
                cmd["a" + i] = $"catalog.product.offer.add?fields[iblockId]=25&fields[name]=Rioja{2000 + i}&fields[xmlId]=R%23{i}&fields[parentId]={first}";
            }
            var batch = await f.CallAsync("batch", new JsonObject { ["halt"] = 1, ["cmd"] = cmd });
            (batch.Result!["result_error"] is JsonArray { Count: 0 }).Should().BeTrue(batch.Result!["result_error"]!.ToJsonString());
        }
        await AddAsync(f, "catalog.product.offer.add", "offer", ("iblockId", 25), ("name", "Кава брют"), ("xmlId", "K#1"), ("parentId", second));

        JsonObject Query(int start, JsonObject filter) => new()
        {
            ["select"] = new JsonArray("id", "iblockId", "xmlId", "parentId"), ["filter"] = filter, ["start"] = start,
        };
        var page1 = await f.CallAsync("catalog.product.offer.list", Query(0, new JsonObject { ["iblockId"] = 25, ["parentId"] = first }));
        page1.Result!["offers"]!.AsArray().Should().HaveCount(50);
        page1.Body!["next"]!.GetValue<int>().Should().Be(50);
        page1.Body!["total"]!.GetValue<int>().Should().Be(60);
        var page2 = await f.CallAsync("catalog.product.offer.list", Query(50, new JsonObject { ["iblockId"] = 25, ["parentId"] = first }));
        page2.Result!["offers"]!.AsArray().Should().HaveCount(10);
        page2.Body!["next"].Should().BeNull();

        var byXml = await f.CallAsync("catalog.product.offer.list", Query(0, new JsonObject { ["iblockId"] = 25, ["@xmlId"] = new JsonArray("K#1", "R#3", "nope") }));
        byXml.Result!["offers"]!.AsArray().Select(o => o!["xmlId"]!.GetValue<string>()).Should().BeEquivalentTo(["K#1", "R#3"]);

        var parents = await f.CallAsync("catalog.product.sku.list", new JsonObject
        {
            ["select"] = new JsonArray("id", "iblockId", "type"), ["filter"] = new JsonObject { ["iblockId"] = 23 },
        });
        parents.Result!["units"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()).Should().BeEquivalentTo([first, second]);
        parents.Result!["units"]!.AsArray().Should().OnlyContain(p => p!["type"]!.GetValue<int>() == 3);
    }

    [Fact]
    public async Task Deleting_the_last_variation_leaves_an_empty_parent_and_deleting_a_parent_takes_its_variations_and_prices()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var parent = await AddAsync(f, "catalog.product.add", "element", ("iblockId", 23), ("name", "Совиньон"));
        var a = await AddAsync(f, "catalog.product.offer.add", "offer", ("iblockId", 25), ("name", "0,75"), ("parentId", parent));
        var b = await AddAsync(f, "catalog.product.offer.add", "offer", ("iblockId", 25), ("name", "1,5"), ("parentId", parent));
        await f.CallAsync("catalog.price.add", Fields(("productId", b), ("catalogGroupId", 1), ("price", 10), ("currency", "RUB")));

        (await f.CallAsync("catalog.product.offer.delete", new JsonObject { ["id"] = a })).Result!.GetValue<bool>().Should().BeTrue();
        (await TypeAsync(f, parent)).Should().Be(3);
        var moved = await f.CallAsync("catalog.product.offer.update", new JsonObject { ["id"] = b, ["fields"] = new JsonObject { ["parentId"] = 0 } });
        moved.Result!["offer"]!["type"]!.GetValue<int>().Should().Be(5);
        (await TypeAsync(f, parent)).Should().Be(6, "a parent product without variations");

        await f.CallAsync("catalog.product.offer.update", new JsonObject { ["id"] = b, ["fields"] = new JsonObject { ["parentId"] = parent } });
        (await TypeAsync(f, parent)).Should().Be(3);
        (await f.CallAsync("catalog.product.sku.delete", new JsonObject { ["id"] = parent })).Status.Should().Be(HttpStatusCode.OK);
        f.Portal.Catalog.AllProducts().Should().BeEmpty();
        f.Portal.Catalog.PriceCount.Should().Be(0);
    }

    [Fact]
    public async Task Variations_work_inside_a_batch_with_references_to_earlier_results()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var answer = await f.CallAsync("batch", new JsonObject
        {
            ["halt"] = 0,
            ["cmd"] = new JsonObject
            {
                ["p"] = "catalog.product.sku.add?fields[iblockId]=23&fields[name]=Rioja&fields[xmlId]=P",
                ["o"] = "catalog.product.offer.add?fields[iblockId]=25&fields[name]=Rioja%202015&fields[xmlId]=P%23C&fields[parentId]=$result[p][sku][id]",
                ["q"] = "catalog.price.add?fields[productId]=$result[o][offer][id]&fields[catalogGroupId]=1&fields[price]=12.5&fields[currency]=RUB",
                ["bad"] = "catalog.product.offer.add?fields[iblockId]=25&fields[name]=x&fields[parentId]=777",
            },
        });
        var results = answer.Result!["result"]!;
        results["o"]!["offer"]!["xmlId"]!.GetValue<string>().Should().Be("P#C");
        results["o"]!["offer"]!["parentId"]!["value"]!.GetValue<string>().Should().Be(results["p"]!["sku"]!["id"]!.ToString());
        results["q"]!["price"]!["price"]!.GetValue<double>().Should().Be(12.5);
        answer.Result!["result_error"]!["bad"]!["error"]!.GetValue<string>().Should().Be("0");
        f.Portal.Catalog.AllVariations().Should().ContainSingle();
    }
}
