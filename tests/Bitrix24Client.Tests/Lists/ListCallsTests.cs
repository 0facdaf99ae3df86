using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Lists;

public class ListCallsTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private IBitrix24Client Client(Calls.Bitrix24ClientFactory f) => f.ForWebhook(new Uri(_stub.BaseUri, "rest/1/code/"));

    // Ids with gaps, so an offset-based cursor and a keyset cursor give different pages.
    private static readonly long[] Ids = Enumerable.Range(1, 137).Select(i => (long)(i * 3 + (i % 7))).Distinct().OrderBy(i => i).ToArray();

    [Fact]
    public async Task List_follows_next_until_the_last_page()
    {
        _stub.Answer(r =>
        {
            var start = r.Json!["start"]!.Value<int>();
            var page = Ids.Skip(start).Take(50).Select(id => new JObject { ["ID"] = id.ToString() });
            var next = start + 50 < Ids.Length ? start + 50 : (int?)null;
            return StubReply.Ok(new JArray(page), total: Ids.Length, next: next);
        });
        using var f = TestClients.Factory(_stub, _time);

        var rows = await Client(f).ListAsync("crm.deal.list", new { filter = new { STAGE_ID = "WON" } }).ToListAsync();

        rows.Select(r => long.Parse(r["ID"]!.ToString())).Should().Equal(Ids);
        _stub.Requests.Select(r => r.Json!["start"]!.Value<int>()).Should().Equal(0, 50, 100);
        _stub.Requests.Should().OnlyContain(r => r.Json!["filter"]!["STAGE_ID"]!.ToString() == "WON");
    }

    [Fact]
    public async Task Export_pages_by_id_without_loss_or_duplicates_even_when_rows_are_deleted_meanwhile()
    {
        var live = new SortedSet<long>(Ids);
        _stub.Answer(r =>
        {
            var filter = (JObject)r.Json!["filter"]!;
            var after = filter[">ID"]?.Value<long>() ?? long.MinValue;
            var page = live.Where(id => id > after).Take(50).ToList();
            // Someone deletes an early row after the first page: offset paging would now skip a row.
            if (after == long.MinValue) live.Remove(Ids[3]);
            return StubReply.Ok(new JArray(page.Select(id => new JObject { ["ID"] = id.ToString(), ["TITLE"] = "Сделка " + id })));
        });
        using var f = TestClients.Factory(_stub, _time);

        var rows = await Client(f).ExportAsync("crm.deal.list", new { STAGE_ID = "WON" }, ["TITLE"]).ToListAsync();

        rows.Select(r => long.Parse(r["ID"]!.ToString())).Should().Equal(Ids);
        var first = _stub.Requests.First().Json!;
        first["start"]!.Value<int>().Should().Be(-1);
        first["order"]!["ID"]!.ToString().Should().Be("ASC");
        first["select"]!.Values<string>().Should().Equal("TITLE", "ID");
        first["filter"]!["STAGE_ID"]!.ToString().Should().Be("WON");
        ((JObject)first["filter"]!).ContainsKey(">ID").Should().BeFalse();
        _stub.Requests.Skip(1).Select(r => r.Json!["filter"]![">ID"]!.Value<long>()).Should().Equal(Ids[49], Ids[99]);
    }

    [Fact]
    public async Task Export_of_crm_items_uses_the_items_wrapper_and_camel_case_id()
    {
        _stub.Answer(r =>
        {
            var after = r.Json!["filter"]![">id"]?.Value<long>() ?? 0;
            var page = Ids.Where(id => id > after).Take(50).Select(id => new JObject { ["id"] = id, ["title"] = "x" });
            return StubReply.Ok(new JObject { ["items"] = new JArray(page) });
        });
        using var f = TestClients.Factory(_stub, _time);

        var rows = await Client(f).ExportAsync("crm.item.list", null, null, parameters: new { entityTypeId = 2 }).ToListAsync();

        rows.Select(r => (long)r["id"]!).Should().Equal(Ids);
        _stub.Requests.Should().OnlyContain(r => r.Json!["entityTypeId"]!.Value<int>() == 2 && r.Json["order"]!["id"]!.ToString() == "ASC");
    }

    [Fact]
    public async Task Export_stops_on_an_exactly_full_last_page_with_one_extra_empty_call()
    {
        _stub.Answer(r =>
        {
            var after = r.Json!["filter"]![">ID"]?.Value<long>() ?? 0;
            return StubReply.Ok(new JArray(Enumerable.Range(1, 100).Where(i => i > after).Take(50).Select(i => new JObject { ["ID"] = i })));
        });
        using var f = TestClients.Factory(_stub, _time);

        var rows = await Client(f).ExportAsync("crm.contact.list").ToListAsync();

        rows.Should().HaveCount(100);
        _stub.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Export_refuses_to_continue_when_ids_do_not_ascend()
    {
        _stub.Answer(_ => StubReply.Ok(new JArray(new JObject { ["ID"] = 5 }, new JObject { ["ID"] = 4 })));
        using var f = TestClients.Factory(_stub, _time);

        var act = async () => await Client(f).ExportAsync("crm.contact.list").ToListAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
    }
}
