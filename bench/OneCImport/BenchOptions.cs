using System.Globalization;

namespace WineB24.Bench.OneCImport;

/// <summary>Command line: <c>--skus 20000 --warehouses 10 --price-types 3 --scale 10 --change 0.01</c>.</summary>
public sealed record BenchOptions(int Skus, int Warehouses, int PriceTypes, double Scale, double ChangeFraction)
{
    /// <summary><c>--portals N</c>: N portals import the same catalogue at once through the one app (1 = the three-phase run).</summary>
    public int Portals { get; init; } = 1;

    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => Arg(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Int("--skus", 20_000), Int("--warehouses", 10), Int("--price-types", 3), Double("--scale", 10), Double("--change", 0.01))
        {
            Portals = Int("--portals", 1),
        };
    }
}
