using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// Reads <c>Catalog_Контрагенты</c> page by page (folders excluded on the 1C side) into <see cref="CounterpartyCard"/>s:
/// ИНН/КПП, legal kind from <c>ЮрФизЛицо</c>, address/phones/e-mails from the <c>КонтактнаяИнформация</c> tabular
/// section (by <c>Тип</c>; the first address is taken as the legal one — the kind reference is not resolved).
/// </summary>
public static class CounterpartyReader
{
    private static readonly string[] Fields =
        ["Ref_Key", "DeletionMark", "Description", "НаименованиеПолное", "ИНН", "КПП", "ЮрФизЛицо", "КонтактнаяИнформация"];

    public static async IAsyncEnumerable<CounterpartyCard> ReadAsync(ODataClient client, ODataPreset preset, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = ODataQuery.Set(preset.Counterparties) with { Filter = "IsFolder eq false", Select = Fields };
        await foreach (var row in client.GetAllAsync(query, ct))
        {
            yield return Map(row);
        }
    }

    public static CounterpartyCard Map(JsonObject row)
    {
        var phones = new List<string>();
        var emails = new List<string>();
        string? address = null;
        if (row["КонтактнаяИнформация"] is JsonArray contacts)
        {
            foreach (var c in contacts.OfType<JsonObject>())
            {
                var text = Text(c, "Представление");
                if (text is null) continue;
                switch (Text(c, "Тип"))
                {
                    case "Адрес": address ??= text; break;
                    case "Телефон": phones.Add(text); break;
                    case "АдресЭлектроннойПочты": emails.Add(text); break;
                }
            }
        }
        var kind = Text(row, "ЮрФизЛицо") switch
        {
            "ИндивидуальныйПредприниматель" => CounterpartyKind.IndividualEntrepreneur,
            "ФизЛицо" or "ФизическоеЛицо" => CounterpartyKind.Person,
            _ => CounterpartyKind.LegalEntity,
        };
        return new CounterpartyCard(
            (Text(row, "Ref_Key") ?? "").ToLowerInvariant(), Text(row, "Description") ?? "", Text(row, "НаименованиеПолное"),
            Text(row, "ИНН"), Text(row, "КПП"), kind, address, phones, emails, row["DeletionMark"]?.GetValue<bool>() ?? false);
    }

    // 1C pads fixed-length strings; empty strings mean "not filled".
    private static string? Text(JsonObject row, string name) =>
        row[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim() is { Length: > 0 } t ? t : null;
}
