using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Crm;

namespace WineB24.PortalEmulator.Tests.Crm;

/// <summary>
/// The ID-indexed list path (<see cref="RecordsById"/>) must give exactly what filtering and sorting the whole set
/// gives: same rows in the same order, same total and next. Seeded random stores, filters, orders and starts;
/// the oracle is the same records passed as a plain list (which takes the general path).
/// </summary>
public sealed class ListFastPathTests
{
    private static readonly string[] IdOps = [">", ">=", "<", "<=", "=", "", "@", "!", "!=", "!@"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Indexed_path_returns_the_same_page_as_the_full_scan(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var store = Store(random);
            var plain = store.ToList();
            var maxId = plain.Count == 0 ? 10 : Id(plain[^1]);
            for (var call = 0; call < 25; call++)
            {
                var filter = Filter(random, maxId);
                var order = Order(random);
                JsonNode? start = random.Next(5) switch
                {
                    0 => -1,
                    1 => null,
                    2 => 0,
                    3 => random.Next(0, plain.Count + 60),
                    _ => 50 * random.Next(0, 4),
                };
                Func<string, string>? map = random.Next(2) == 0 ? n => n.ToUpperInvariant() : null;

                var fast = RecordList.Run(store, filter?.DeepClone(), order?.DeepClone(), start?.DeepClone(), map);
                var full = RecordList.Run(plain, filter?.DeepClone(), order?.DeepClone(), start?.DeepClone(), map);

                var because = $"seed {seed}, filter {filter?.ToJsonString()}, order {order?.ToJsonString()}, start {start?.ToJsonString()}";
                fast.Rows.Select(Id).Should().Equal(full.Rows.Select(Id), because);
                fast.Total.Should().Be(full.Total, because);
                fast.Next.Should().Be(full.Next, because);
            }
        }
    }

    [Fact]
    public void Keyset_export_over_the_index_visits_every_record_once_in_id_order()
    {
        var store = Store(new Random(11), size: 1234);
        var seen = new List<int>();
        var lastId = 0;
        while (true)
        {
            var page = RecordList.Run(store, new JsonObject { [">ID"] = lastId }, new JsonObject { ["ID"] = "ASC" }, -1, n => n.ToUpperInvariant());
            page.Total.Should().BeNull();
            page.Next.Should().BeNull();
            seen.AddRange(page.Rows.Select(Id));
            if (page.Rows.Count < RecordList.PageSize)
            {
                break;
            }
            lastId = seen[^1];
        }

        seen.Should().Equal(store.Select(Id));
    }

    /// <summary>Records with gaps in their IDs (deleted ones), so bounds fall between records too.</summary>
    private static RecordsById Store(Random random, int? size = null)
    {
        var store = new RecordsById();
        var count = size ?? random.Next(0, 180);
        var id = 0;
        for (var i = 0; i < count; i++)
        {
            id += random.Next(1, 4);
            store.Set(id, new JsonObject
            {
                ["ID"] = id.ToString(CultureInfo.InvariantCulture),
                ["TITLE"] = $"Компания {random.Next(0, 20)}",
                ["REVENUE"] = random.Next(0, 5).ToString(CultureInfo.InvariantCulture),
            });
        }
        return store;
    }

    private static JsonObject? Filter(Random random, int maxId)
    {
        if (random.Next(6) == 0)
        {
            return null;
        }
        var filter = new JsonObject();
        var conditions = random.Next(0, 4);
        for (var i = 0; i < conditions; i++)
        {
            var op = IdOps[random.Next(IdOps.Length)];
            var key = op + (random.Next(4) == 0 ? "id" : "ID");
            filter[key] = random.Next(8) switch
            {
                0 => new JsonArray(IdValue(random, maxId), IdValue(random, maxId), IdValue(random, maxId)),
                1 => "abc",
                2 => "",
                3 => (random.NextDouble() * maxId).ToString("0.##", CultureInfo.InvariantCulture),
                _ => IdValue(random, maxId),
            };
        }
        if (random.Next(3) == 0)
        {
            filter["%TITLE"] = random.Next(0, 20).ToString(CultureInfo.InvariantCulture);
        }
        if (random.Next(3) == 0)
        {
            filter[">=REVENUE"] = random.Next(0, 5);
        }
        if (random.Next(10) == 0)
        {
            filter["LOGIC"] = "AND";
        }
        return filter;
    }

    private static JsonNode IdValue(Random random, int maxId) => random.Next(3) == 0
        ? JsonValue.Create(random.Next(-5, maxId + 5).ToString(CultureInfo.InvariantCulture))
        : JsonValue.Create(random.Next(-5, maxId + 5));

    private static JsonObject? Order(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => new JsonObject(),
        2 => new JsonObject { ["ID"] = "DESC" },
        3 => new JsonObject { ["id"] = "desc" },
        4 => new JsonObject { ["TITLE"] = "ASC", ["ID"] = "DESC" },
        5 => new JsonObject { ["REVENUE"] = "DESC" },
        _ => new JsonObject { ["ID"] = "ASC", ["TITLE"] = "DESC" },
    };

    private static int Id(JsonObject record) => int.Parse(record["ID"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
