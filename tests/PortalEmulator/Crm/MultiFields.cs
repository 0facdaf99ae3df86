using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// PHONE/EMAIL/WEB/IM semantics: on add every item with a VALUE is new; on update an item without ID is added,
/// <c>{ID, VALUE, VALUE_TYPE}</c> changes, <c>{ID, DELETE:'Y'}</c>, <c>{ID, VALUE:''}</c> or a bare <c>{ID}</c> deletes,
/// and values not mentioned stay.
/// </summary>
public static class MultiFields
{
    public static readonly string[] Types = ["PHONE", "EMAIL", "WEB", "IM"];

    public static void Apply(JsonObject record, string typeId, JsonNode? value, bool isAdd, Func<int> nextId)
    {
        var current = record[typeId] as JsonArray ?? new JsonArray();
        record[typeId] = current;
        foreach (var raw in Json.Items(value))
        {
            if (raw is not JsonObject item)
            {
                continue;
            }
            var id = isAdd ? null : Json.Int(Json.Get(item, "ID"));
            var hasValue = Json.Get(item, "VALUE") is not null;
            var text = Json.Text(Json.Get(item, "VALUE"))?.Trim() ?? "";
            if (id is null)
            {
                if (text.Length > 0)
                {
                    current.Add(new JsonObject
                    {
                        ["ID"] = nextId().ToString(CultureInfo.InvariantCulture),
                        ["VALUE_TYPE"] = Json.Text(Json.Get(item, "VALUE_TYPE")) is { Length: > 0 } vt ? vt : DefaultValueType(typeId),
                        ["VALUE"] = text,
                        ["TYPE_ID"] = typeId,
                    });
                }
                continue;
            }
            var existing = current.OfType<JsonObject>().FirstOrDefault(e => Json.Int(e["ID"]) == id);
            if (existing is null)
            {
                continue;
            }
            if (Json.Flag(Json.Get(item, "DELETE")) || !hasValue || text.Length == 0)
            {
                current.Remove(existing);
                continue;
            }
            existing["VALUE"] = text;
            if (Json.Text(Json.Get(item, "VALUE_TYPE")) is { Length: > 0 } newType)
            {
                existing["VALUE_TYPE"] = newType;
            }
        }
    }

    private static string DefaultValueType(string typeId) => typeId switch
    {
        "WEB" => "WORK",
        "IM" => "OTHER",
        _ => "WORK",
    };

    /// <summary>Digits only, with a Russian 8/7 trunk prefix treated alike, as duplicate search does.</summary>
    public static string NormalisePhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8')
        {
            digits = "7" + digits[1..];
        }
        if (digits.Length == 10)
        {
            digits = "7" + digits;
        }
        return digits;
    }
}
