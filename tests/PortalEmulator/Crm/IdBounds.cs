using System.Globalization;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// The ID range (and, for <c>=ID</c> / <c>@ID</c>, the ID set) a filter can possibly match, derived from its ID
/// conditions. Always a superset of the matches: the full filter is still applied to every candidate, so the index
/// only decides where to look. Conditions it cannot bound (negations, text, empty values) are left to the filter.
/// </summary>
public sealed record IdBounds(long From, long To, SortedSet<long>? Only)
{
    private static readonly IdBounds Everything = new(long.MinValue, long.MaxValue, null);

    public static IdBounds Of(IEnumerable<RecordFilter.Condition> conditions)
    {
        var bounds = Everything;
        foreach (var c in conditions.Where(c => c.Name == "ID"))
        {
            if (Numbers(c.Wanted) is not { Count: > 0 } values)
            {
                continue;
            }
            // Several values mean "any of": > any ⇔ > the smallest, < any ⇔ < the largest.
            bounds = c.Op switch
            {
                ">" => bounds with { From = Math.Max(bounds.From, Clamp(Math.Floor(values.Min())) + 1) },
                ">=" => bounds with { From = Math.Max(bounds.From, Clamp(Math.Ceiling(values.Min()))) },
                "<" => bounds with { To = Math.Min(bounds.To, Clamp(Math.Ceiling(values.Max())) - 1) },
                "<=" => bounds with { To = Math.Min(bounds.To, Clamp(Math.Floor(values.Max()))) },
                "" or "=" or "@" => bounds with { Only = Intersect(bounds.Only, values.Where(v => v == Math.Floor(v)).Select(Clamp)) },
                _ => bounds,
            };
        }
        return bounds;
    }

    /// <summary>Candidate records in ID order (ascending or descending), within the bounds.</summary>
    public IEnumerable<System.Text.Json.Nodes.JsonObject> Candidates(RecordsById records, bool descending)
    {
        if (From > To)
        {
            return [];
        }
        if (Only is null)
        {
            return records.Range(From, To, descending);
        }
        var ids = Only.GetViewBetween(From, To);
        return (descending ? ids.Reverse() : ids)
            .Where(id => id is >= int.MinValue and <= int.MaxValue)
            .Select(id => records.TryGet((int)id, out var r) ? r : null)
            .OfType<System.Text.Json.Nodes.JsonObject>();
    }

    /// <summary>All values as numbers the way <see cref="RecordFilter.Compare"/> reads them, or null if any is not one.</summary>
    private static List<double>? Numbers(List<string?> wanted)
    {
        var numbers = new List<double>(wanted.Count);
        foreach (var w in wanted)
        {
            if (string.IsNullOrEmpty(w) || !double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d))
            {
                return null;
            }
            numbers.Add(d);
        }
        return numbers;
    }

    // IDs are ints; clamping to just outside their range keeps ±1 arithmetic from overflowing.
    private static long Clamp(double value) => (long)Math.Clamp(value, int.MinValue - 2.0, int.MaxValue + 2.0);

    private static SortedSet<long> Intersect(SortedSet<long>? current, IEnumerable<long> values)
    {
        var set = new SortedSet<long>(values);
        if (current is not null)
        {
            set.IntersectWith(current);
        }
        return set;
    }
}
