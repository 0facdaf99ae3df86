using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Adds declared CRM user fields that are missing (<c>crm.{entity}.userfield.list</c> → <c>.add</c>).
/// Existing fields are never changed or deleted here: they hold the customer's data.
/// </summary>
public static class UserFieldRegistrations
{
    private const string Prefix = "UF_CRM_";

    public static string FullName(string fieldName)
    {
        var upper = fieldName.Trim().ToUpperInvariant();
        return upper.StartsWith(Prefix, StringComparison.Ordinal) ? upper : Prefix + upper;
    }

    public static async Task ConvergeAsync(IBitrix24Client client, RegistrationSnapshot snapshot, IReadOnlyList<UserFieldDefinition> desired, string language, RegistrationLog log, CancellationToken cancellationToken)
    {
        foreach (var entityFields in desired.GroupBy(f => f.Entity.ToLowerInvariant()))
        {
            var entity = entityFields.Key;
            var (listed, error) = snapshot.Get(RegistrationSnapshot.UserFieldsOf(entity));
            if (listed is null)
            {
                foreach (var field in entityFields)
                {
                    log.Failed(RegistrationKind.UserField, $"{entity}.{FullName(field.FieldName)}", null, error!);
                }
                continue;
            }
            var existing = PlacementRegistrations.Items(listed)
                .Select(f => f["FIELD_NAME"]?.ToString() ?? "")
                .ToHashSet(StringComparer.Ordinal);

            foreach (var field in entityFields)
            {
                var name = FullName(field.FieldName);
                var key = $"{entity}.{name}";
                var hash = DefinitionHash.Of(AddFields(field, language));
                if (existing.Contains(name))
                {
                    log.Ok(RegistrationKind.UserField, key, null, hash);
                    continue;
                }
                try
                {
                    await client.CallAsync($"crm.{entity}.userfield.add", new JObject { ["fields"] = AddFields(field, language) }, CallKind.Create, cancellationToken);
                    log.Ok(RegistrationKind.UserField, key, null, hash);
                }
                catch (Bitrix24Exception e)
                {
                    log.Failed(RegistrationKind.UserField, key, null, $"{e.Method}: {e.Code} {e.Description}");
                }
            }
        }
    }

    public static JObject AddFields(UserFieldDefinition field, string language)
    {
        var name = FullName(field.FieldName);
        var labels = RobotRegistrations.LangMap(field.Label);
        var fields = new JObject
        {
            ["FIELD_NAME"] = name,
            ["USER_TYPE_ID"] = field.UserTypeId,
            ["XML_ID"] = name,
            ["LABEL"] = field.Label.For(language),
            ["EDIT_FORM_LABEL"] = labels,
            ["LIST_COLUMN_LABEL"] = labels.DeepClone(),
            ["LIST_FILTER_LABEL"] = labels.DeepClone(),
            ["MULTIPLE"] = field.Multiple ? "Y" : "N",
        };
        if (field.ListValues is { Count: > 0 })
        {
            fields["LIST"] = new JArray(field.ListValues.Select((value, i) => new JObject { ["VALUE"] = value, ["SORT"] = (i + 1) * 10 }));
        }
        return fields;
    }
}
