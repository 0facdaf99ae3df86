using Newtonsoft.Json.Linq;

namespace WineB24.Robots.Duplicates;

/// <summary>The decisions of the duplicate check that do not need the portal.</summary>
public static class DuplicateRules
{
    public const int ValuesPerSearch = 20;   // crm.duplicate.findbycomm takes at most 20 values

    /// <summary>
    /// Merges <c>crm.duplicate.findbycomm</c> answers (<c>{"CONTACT":[275,2297]}</c>, or <c>[]</c> when nothing)
    /// into one ordered list, without the records that are the document itself (the lead, or a deal's own
    /// contacts and company).
    /// </summary>
    public static IReadOnlyList<CrmRef> Collect(IEnumerable<JToken> answers, IReadOnlySet<CrmRef> own)
    {
        var found = new HashSet<CrmRef>();
        foreach (var answer in answers)
        {
            if (answer is not JObject byType) continue;
            foreach (var (type, ids) in byType)
            {
                if (ids is not JArray list) continue;
                foreach (var id in list)
                {
                    if (long.TryParse(id.ToString(), out var n) && n > 0)
                    {
                        var candidate = new CrmRef(type.ToUpperInvariant(), n);
                        if (!own.Contains(candidate)) found.Add(candidate);
                    }
                }
            }
        }
        return found
            .OrderBy(r => Array.IndexOf(CrmRef.SearchableTypes, r.Type) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(r => r.Id)
            .ToList();
    }

    /// <summary>
    /// True when some duplicate is led by another employee than the document. Duplicates whose responsible is
    /// unknown (deleted meanwhile, no access) do not count; without a responsible on the document nothing does.
    /// </summary>
    public static bool HasOtherResponsible(string? documentResponsible, IEnumerable<string?> duplicateResponsibles)
    {
        if (string.IsNullOrWhiteSpace(documentResponsible)) return false;
        return duplicateResponsibles.Any(r => !string.IsNullOrWhiteSpace(r) && !string.Equals(r.Trim(), documentResponsible.Trim(), StringComparison.Ordinal));
    }

    /// <summary>Splits values into groups the search method accepts.</summary>
    public static IEnumerable<IReadOnlyList<string>> Chunks(IEnumerable<string> values) =>
        values.Chunk(ValuesPerSearch).Select(c => (IReadOnlyList<string>)c);
}
