using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace WineB24.OneCEmulator.OData;

/// <summary>
/// The fake infobase behind the OData service: entity sets (catalogs, charts of accounts) as rows in the JSON
/// shape 1C returns, and registers as movements from which the <c>/Balance</c> virtual table is computed.
/// Only objects added here are "exposed" — anything else is "Entity not found", like an infobase whose
/// exposed-object set lacks it.
/// </summary>
public sealed class Infobase
{
    private readonly ConcurrentDictionary<string, EntitySet> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Register> _registers = new(StringComparer.Ordinal);

    public EntitySet AddSet(string name, params string[] properties)
    {
        var set = new EntitySet(name, properties);
        _sets[name] = set;
        return set;
    }

    public Register AddRegister(string name, string[] dimensions, string[] resources)
    {
        var register = new Register(name, dimensions, resources);
        _registers[name] = register;
        return register;
    }

    public EntitySet? Set(string name) => _sets.GetValueOrDefault(name);

    public Register? FindRegister(string name) => _registers.GetValueOrDefault(name);

    public IEnumerable<string> SetNames => _sets.Keys;
}

/// <summary>A catalog or chart of accounts: rows with <c>Ref_Key</c> and declared properties.</summary>
public sealed class EntitySet(string name, string[] properties)
{
    private readonly List<JsonObject> _rows = [];
    private readonly object _gate = new();

    public string Name { get; } = name;
    public IReadOnlySet<string> Properties { get; } = new HashSet<string>(properties, StringComparer.Ordinal);

    public JsonObject Add(JsonObject row)
    {
        foreach (var (key, _) in row)
        {
            if (!Properties.Contains(key)) throw new InvalidOperationException($"{Name}: undeclared property {key}");
        }
        lock (_gate) _rows.Add(row);
        return row;
    }

    public IReadOnlyList<JsonObject> Rows
    {
        get { lock (_gate) return _rows.ToList(); }
    }

    /// <summary>Changes one row in place (tests edit data between runs).</summary>
    public void Update(string refKey, Action<JsonObject> change)
    {
        lock (_gate)
        {
            var row = _rows.Single(r => r["Ref_Key"]!.GetValue<string>() == refKey);
            change(row);
        }
    }
}

/// <summary>
/// An accumulation or accounting register kept as movements with signed resources (receipt/debit +,
/// expense/credit −). <c>Balance</c> sums them per dimension set as of a moment.
/// </summary>
public sealed class Register(string name, string[] dimensions, string[] resources)
{
    private readonly List<(DateTime Period, JsonObject Values)> _movements = [];
    private readonly object _gate = new();

    public string Name { get; } = name;
    public IReadOnlyList<string> Dimensions { get; } = dimensions;
    public IReadOnlyList<string> Resources { get; } = resources;

    /// <summary>Properties of the Balance table: dimensions and <c>&lt;resource&gt;Balance</c>.</summary>
    public IReadOnlySet<string> BalanceProperties =>
        new HashSet<string>(Dimensions.Concat(Resources.Select(r => r + "Balance")), StringComparer.Ordinal);

    /// <summary>
    /// The output fields of one dimension named as the <c>Dimensions</c> parameter names it: a reference dimension
    /// <c>Склад</c> is <c>Склад_Key</c>; a composite one <c>Документ</c> is <c>Документ</c> + <c>Документ_Type</c>; a
    /// primitive one is itself. Null when the register has no such dimension (an output field name such as
    /// <c>Склад_Key</c> is not a dimension name).
    /// </summary>
    public IReadOnlyList<string>? DimensionFields(string dimension)
    {
        if (dimension.EndsWith("_Key", StringComparison.Ordinal) || dimension.EndsWith("_Type", StringComparison.Ordinal)) return null;
        if (Dimensions.Contains(dimension + "_Key")) return [dimension + "_Key"];
        if (!Dimensions.Contains(dimension)) return null;
        return Dimensions.Contains(dimension + "_Type") ? [dimension, dimension + "_Type"] : [dimension];
    }

    public void Add(DateTime period, JsonObject values)
    {
        lock (_gate) _movements.Add((period, values));
    }

    public void Clear()
    {
        lock (_gate) _movements.Clear();
    }

    /// <summary>
    /// The balance before <paramref name="period"/> (all movements when null), movements filtered by
    /// <paramref name="condition"/> (dimensions only), grouped by <paramref name="groupBy"/> (all dimensions when
    /// null); rows whose every resource nets to zero are not returned, as in 1C.
    /// </summary>
    public List<JsonObject> Balance(DateTime? period, ODataFilter? condition, IReadOnlyList<string>? groupBy)
    {
        var dims = groupBy ?? Dimensions;
        List<(DateTime Period, JsonObject Values)> movements;
        lock (_gate) movements = _movements.ToList();
        var groups = new Dictionary<string, (JsonObject Key, decimal[] Sums)>(StringComparer.Ordinal);
        foreach (var (when, values) in movements)
        {
            if (period is { } p && when >= p) continue;
            if (condition is not null && !condition.Matches(values)) continue;
            var key = string.Join("\u001f", dims.Select(d => values[d]?.ToJsonString() ?? "null"));
            if (!groups.TryGetValue(key, out var group))
            {
                var keyRow = new JsonObject();
                foreach (var d in dims) keyRow[d] = values[d]?.DeepClone();
                group = (keyRow, new decimal[Resources.Count]);
                groups[key] = group;
            }
            for (var i = 0; i < Resources.Count; i++)
            {
                if (values[Resources[i]] is JsonValue v) group.Sums[i] += v.GetValue<decimal>();
            }
        }
        var rows = new List<JsonObject>();
        foreach (var (keyRow, sums) in groups.Values)
        {
            if (sums.All(s => s == 0)) continue;
            for (var i = 0; i < Resources.Count; i++) keyRow[Resources[i] + "Balance"] = sums[i];
            rows.Add(keyRow);
        }
        return rows;
    }

    public static string Date(DateTime d) => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
