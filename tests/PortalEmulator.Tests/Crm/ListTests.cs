using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Crm;

public sealed class ListTests
{
    private static async Task<EmulatorFixture> WithDeals(int count)
    {
        var f = await EmulatorFixture.StartAsync(new() { Burst = 10_000 });
        for (var i = 1; i <= count; i++)
        {
            f.Portal.Crm.Add(CrmEntityType.Deal, new JsonObject { ["TITLE"] = $"Сделка {i}", ["OPPORTUNITY"] = (i * 10).ToString() }, 1, DateTimeOffset.UtcNow);
        }
        return f;
    }

    [Fact]
    public async Task Pages_of_fifty_with_next_and_total_and_no_next_on_the_last()
    {
        await using var f = await WithDeals(120);

        var first = await f.CallAsync("crm.deal.list");
        var last = await f.CallAsync("crm.deal.list", new JsonObject { ["start"] = 100 });

        first.Result!.AsArray().Should().HaveCount(50);
        first.Body!["next"]!.GetValue<int>().Should().Be(50);
        first.Body!["total"]!.GetValue<int>().Should().Be(120);
        last.Result!.AsArray().Should().HaveCount(20);
        last.Body!["next"].Should().BeNull();
        last.Body!.AsObject().ContainsKey("next").Should().BeFalse();
    }

    [Fact]
    public async Task Start_minus_one_keyset_paging_has_no_total_or_next()
    {
        await using var f = await WithDeals(120);
        var seen = new List<int>();
        var lastId = 0;
        while (true)
        {
            var page = await f.CallAsync("crm.deal.list", new JsonObject
            {
                ["order"] = new JsonObject { ["ID"] = "ASC" },
                ["filter"] = new JsonObject { [">ID"] = lastId },
                ["select"] = new JsonArray("ID"),
                ["start"] = -1,
            });
            page.Body!.AsObject().ContainsKey("total").Should().BeFalse();
            page.Body!.AsObject().ContainsKey("next").Should().BeFalse();
            var ids = page.Result!.AsArray().Select(r => int.Parse(r!["ID"]!.GetValue<string>())).ToList();
            seen.AddRange(ids);
            if (ids.Count < 50)
            {
                break;
            }
            lastId = ids[^1];
        }

        seen.Should().Equal(Enumerable.Range(1, 120));
    }

    [Fact]
    public async Task Filters_order_and_select()
    {
        await using var f = await WithDeals(30);

        var answer = await f.CallAsync("crm.deal.list", new JsonObject
        {
            ["filter"] = new JsonObject { [">=OPPORTUNITY"] = 100, ["<ID"] = 20, ["!ID"] = new JsonArray(12, 13), ["%TITLE"] = "сделка 1" },
            ["order"] = new JsonObject { ["ID"] = "DESC" },
            ["select"] = new JsonArray("ID", "TITLE"),
        });

        var rows = answer.Result!.AsArray();
        rows.Select(r => r!["ID"]!.GetValue<string>()).Should().Equal("19", "18", "17", "16", "15", "14", "11", "10");
        rows[0]!.AsObject().Select(kv => kv.Key).Should().BeEquivalentTo("ID", "TITLE");
        answer.Body!["total"]!.GetValue<int>().Should().Be(8);
    }

    [Fact]
    public async Task Select_star_excludes_multi_fields_and_user_fields_unless_asked()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await f.CallAsync("crm.contact.userfield.add", new JsonObject { ["fields"] = new JsonObject { ["FIELD_NAME"] = "REGION", ["USER_TYPE_ID"] = "string" } });
        await f.CallAsync("crm.contact.add", new JsonObject
        {
            ["fields"] = new JsonObject { ["NAME"] = "Пётр", ["UF_CRM_REGION"] = "Крым", ["PHONE"] = new JsonArray(new JsonObject { ["VALUE"] = "+79001234567" }) },
        });

        var star = await f.CallAsync("crm.contact.list", new JsonObject { ["select"] = new JsonArray("*") });
        var full = await f.CallAsync("crm.contact.list", new JsonObject { ["select"] = new JsonArray("*", "UF_*", "PHONE") });

        var plain = star.Result![0]!.AsObject();
        plain.ContainsKey("NAME").Should().BeTrue();
        plain.ContainsKey("PHONE").Should().BeFalse();
        plain.ContainsKey("UF_CRM_REGION").Should().BeFalse();
        full.Result![0]!["UF_CRM_REGION"]!.GetValue<string>().Should().Be("Крым");
        full.Result![0]!["PHONE"]![0]!["VALUE"]!.GetValue<string>().Should().Be("+79001234567");
    }

    [Fact]
    public async Task Crm_item_keyset_export_with_camel_case_id()
    {
        await using var f = await WithDeals(75);
        var seen = new List<long>();
        long lastId = 0;
        while (true)
        {
            var page = await f.CallAsync("crm.item.list", new JsonObject
            {
                ["entityTypeId"] = 2,
                ["order"] = new JsonObject { ["id"] = "ASC" },
                ["filter"] = new JsonObject { [">id"] = lastId },
                ["select"] = new JsonArray("id", "title"),
                ["start"] = -1,
            });
            page.Body!.AsObject().ContainsKey("total").Should().BeFalse();
            var ids = page.Result!["items"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();
            seen.AddRange(ids);
            if (ids.Count < 50)
            {
                break;
            }
            lastId = ids[^1];
        }

        seen.Should().Equal(Enumerable.Range(1, 75).Select(i => (long)i));
    }
}
