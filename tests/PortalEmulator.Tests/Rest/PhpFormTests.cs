using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Tests.Rest;

public sealed class PhpFormTests
{
    [Fact]
    public void Bracket_keys_become_nested_maps_and_sequential_keys_lists()
    {
        var parsed = PhpForm.Parse("auth%5Bmember_id%5D=abc&document_id[0]=crm&document_id[1]=CCrmDocumentDeal&tags[]=a&tags[]=b&data[FIELDS][ID]=5&name=%D0%92%D0%B8%D0%BD%D0%BE+%26+%D0%9A%D0%BE");

        parsed["auth"]!["member_id"]!.GetValue<string>().Should().Be("abc");
        parsed["document_id"].Should().BeOfType<JsonArray>();
        parsed["tags"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("a", "b");
        parsed["data"]!["FIELDS"]!["ID"]!.GetValue<string>().Should().Be("5");
        parsed["name"]!.GetValue<string>().Should().Be("Вино & Ко");
    }

    [Fact]
    public void Build_encodes_like_http_build_query_and_round_trips()
    {
        var tree = new JsonObject { ["data"] = new JsonObject { ["FIELDS"] = new JsonObject { ["ID"] = "7" } }, ["list"] = new JsonArray("x y", "я") };

        var text = PhpForm.Build(tree);

        text.Should().Be("data%5BFIELDS%5D%5BID%5D=7&list%5B0%5D=x+y&list%5B1%5D=%D1%8F");
        PhpForm.Parse(text).ToJsonString().Should().Be(tree.ToJsonString());
    }
}
