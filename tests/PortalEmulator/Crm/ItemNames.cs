using System.Text;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// Legacy UPPER_CASE ⇄ crm.item camelCase names. User fields follow Bitrix24's rules:
/// <c>UF_CRM_1747309879</c> → <c>ufCrm_1747309879</c>, <c>UF_CRM_10_5186744711</c> → <c>ufCrm10_5186744711</c>,
/// <c>UF_CRM_3_DIGIT</c> → <c>ufCrm3Digit</c>.
/// </summary>
public static class ItemNames
{
    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        ["DATE_CREATE"] = "createdTime",
        ["DATE_MODIFY"] = "updatedTime",
        ["CREATED_BY_ID"] = "createdBy",
        ["MODIFY_BY_ID"] = "updatedBy",
        ["ORIGINATOR_ID"] = "originatorId",
        ["ORIGIN_ID"] = "originId",
        ["BEGINDATE"] = "begindate",
        ["CLOSEDATE"] = "closedate",
        ["COMPANY_TYPE"] = "typeId",
    };

    public static string ToCamel(CrmEntityType type, string upper)
    {
        if (type == CrmEntityType.Lead && upper == "STATUS_ID")
        {
            return "stageId";
        }
        if (Special.TryGetValue(upper, out var special))
        {
            return special;
        }
        if (upper.StartsWith("UF_CRM_", StringComparison.Ordinal))
        {
            return UserField(upper["UF_CRM_".Length..]);
        }
        var parts = upper.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(parts[0].ToLowerInvariant());
        foreach (var p in parts.Skip(1))
        {
            sb.Append(char.ToUpperInvariant(p[0])).Append(p[1..].ToLowerInvariant());
        }
        return sb.ToString();
    }

    private static string UserField(string rest)
    {
        var parts = rest.Split('_');
        if (parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return parts.Length == 1 ? "ufCrm_" + rest : "ufCrm" + rest;
        }
        var sb = new StringBuilder("ufCrm");
        foreach (var p in parts.Where(p => p.Length > 0))
        {
            sb.Append(char.ToUpperInvariant(p[0])).Append(p[1..].ToLowerInvariant());
        }
        return sb.ToString();
    }

    /// <summary>camelCase → UPPER via the type's known fields (standard + user fields); unknown names pass through upper-cased.</summary>
    public static Func<string, string> FromCamel(CrmEntityType type, IEnumerable<string> userFieldNames)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in type.Fields.Select(f => f.Name).Concat(userFieldNames))
        {
            map.TryAdd(ToCamel(type, name), name);
        }
        if (type == CrmEntityType.Company)
        {
            map["typeId"] = "COMPANY_TYPE";
        }
        return camel => map.TryGetValue(camel, out var upper) ? upper : camel.ToUpperInvariant();
    }
}
