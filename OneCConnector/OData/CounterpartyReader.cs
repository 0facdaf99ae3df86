using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// Reads <c>Catalog_Контрагенты</c> page by page (folders excluded on the 1C side) into <see cref="CounterpartyCard"/>s:
/// ИНН/КПП, legal kind from the preset's legal-form field (<c>ЮрФизЛицо</c> or <c>ЮридическоеФизическоеЛицо</c>), address/phones/e-mails from the <c>КонтактнаяИнформация</c> tabular
/// section (by <c>Тип</c>; the first address is taken as the legal one — the kind reference is not resolved).
/// </summary>
public static class CounterpartyReader
{
    private static string[] Fields(ODataPreset preset) =>
        ["Ref_Key", "DeletionMark", "Description", "НаименованиеПолное", "ИНН", "КПП", preset.CounterpartyLegalForm, "КонтактнаяИнформация"];

    public static async IAsyncEnumerable<CounterpartyCard> ReadAsync(ODataClient client, ODataPreset preset, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = ODataQuery.Set(preset.Counterparties) with { Filter = "IsFolder eq false", Select = Fields(preset) };
        await foreach (var row in client.GetAllAsync(query, ct))
        {
            yield return Map(row, preset.CounterpartyLegalForm);
        }
    }

    public static CounterpartyCard Map(JsonObject row, string legalFormField = "ЮрФизЛицо")
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
        var inn = Text(row, "ИНН");
        var kpp = Text(row, "КПП");
        var kind = Text(row, legalFormField) switch
        {
            "ИндивидуальныйПредприниматель" => CounterpartyKind.IndividualEntrepreneur,
            // БП/УНФ have no separate value for an ИП: a person with a 12-digit ИНН and no КПП is one (as in CommerceML).
            "ФизическоеЛицо" when inn is { Length: 12 } && kpp is null => CounterpartyKind.IndividualEntrepreneur,
            "ФизЛицо" or "ФизическоеЛицо" => CounterpartyKind.Person,
            _ => CounterpartyKind.LegalEntity,
        };
        return new CounterpartyCard(
            (Text(row, "Ref_Key") ?? "").ToLowerInvariant(), Text(row, "Description") ?? "", Text(row, "НаименованиеПолное"),
            inn, kpp, kind, address, phones, emails, row["DeletionMark"]?.GetValue<bool>() ?? false);
    }

    // 1C pads fixed-length strings; empty strings mean "not filled".
    private static string? Text(JsonObject row, string name) =>
        row[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim() is { Length: > 0 } t ? t : null;
}
