using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Tests.Batch;

public class PhpQueryTests
{
    [Fact]
    public void Nested_fields_multi_fields_and_cyrillic_encode_like_http_build_query()
    {
        var fields = JObject.FromObject(new
        {
            fields = new
            {
                TITLE = "ООО Вино & Ко",
                PHONE = new[] { new { VALUE = "+7 495 000-00-00", VALUE_TYPE = "WORK" } },
                OPENED = true,
                CLOSED = false,
                OPPORTUNITY = 12450.5,
                COMMENTS = (string?)null,
                EMPTY = Array.Empty<string>(),
            },
            @params = new { REGISTER_SONET_EVENT = "N" },
        });
        PhpQuery.Encode(fields).Should().Be(
            "fields[TITLE]=%D0%9E%D0%9E%D0%9E%20%D0%92%D0%B8%D0%BD%D0%BE%20%26%20%D0%9A%D0%BE" +
            "&fields[PHONE][0][VALUE]=%2B7%20495%20000-00-00&fields[PHONE][0][VALUE_TYPE]=WORK" +
            "&fields[OPENED]=1&fields[CLOSED]=0&fields[OPPORTUNITY]=12450.5" +
            "&params[REGISTER_SONET_EVENT]=N");
    }

    [Fact]
    public void Reserved_characters_in_values_are_escaped()
    {
        PhpQuery.Encode(new JObject { ["q"] = "a=b&c?d#e[f]%g" }).Should().Be("q=a%3Db%26c%3Fd%23e%5Bf%5D%25g");
    }

    [Fact]
    public void Result_references_pass_through_unencoded()
    {
        var cmd = new BatchCommand("dept", "department.get", new { ID = "$result[me][UF_DEPARTMENT][0]" });
        cmd.ToQuery().Should().Be("department.get?ID=$result[me][UF_DEPARTMENT][0]");

        var mixed = new BatchCommand("c", "crm.deal.update", new { id = "$result[l][0][ID]", fields = new { TITLE = "Сделка $result[l][0][TITLE]" } });
        mixed.ToQuery().Should().Be("crm.deal.update?id=$result[l][0][ID]&fields[TITLE]=%D0%A1%D0%B4%D0%B5%D0%BB%D0%BA%D0%B0%20$result[l][0][TITLE]");
    }

    [Fact]
    public void Filter_operators_in_keys_are_escaped_but_brackets_are_not()
    {
        var cmd = new BatchCommand("l", "crm.deal.list", new { filter = new Dictionary<string, object> { [">ID"] = 10, ["=STAGE_ID"] = "C3:NEW" }, start = -1 });
        cmd.ToQuery().Should().Be("crm.deal.list?filter[%3EID]=10&filter[%3DSTAGE_ID]=C3%3ANEW&start=-1");
    }

    [Fact]
    public void A_command_without_parameters_is_the_bare_method()
    {
        new BatchCommand("me", "user.current").ToQuery().Should().Be("user.current");
    }

    [Fact]
    public void Dates_are_iso_8601_with_offset()
    {
        var at = new DateTimeOffset(2026, 2, 3, 15, 0, 0, TimeSpan.FromHours(3));
        PhpQuery.Encode(new JObject { ["deadline"] = at }).Should().Be("deadline=2026-02-03T15%3A00%3A00%2B03%3A00");
    }

    [Fact]
    public void Kind_of_a_command_defaults_to_read()
    {
        new BatchCommand("k", "crm.deal.get").Kind.Should().Be(CallKind.Read);
    }
}
