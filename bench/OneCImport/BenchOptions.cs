using System.Globalization;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// Command line: <c>--skus 20000 --warehouses 10 --price-types 3 --scale 10 --change 0.01 [--variants 0.2
/// --variants-each 3] [--postgres]</c>.
/// </summary>
public sealed record BenchOptions(int Skus, int Warehouses, int PriceTypes, double Scale, double ChangeFraction)
{
    /// <summary><c>--portals N</c>: N portals import the same catalogue at once through the one app (1 = the three-phase run).</summary>
    public int Portals { get; init; } = 1;

    /// <summary>Share of products offered as 1C characteristics (<c>P#C</c>) instead of themselves; 0 = none.</summary>
    public double VariantFraction { get; init; }

    /// <summary>Characteristics per such product (vintage × bottle size).</summary>
    public int VariantsEach { get; init; } = 3;

    /// <summary><c>--postgres</c>: the connector stores into a private PostgreSQL cluster instead of a SQLite file.</summary>
    public bool Postgres { get; init; }

    /// <summary>Set by the run once the private cluster is up (not a command-line option).</summary>
    public string? PostgresConnectionString { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => Arg(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var variants = Double("--variants", 0);
        if (variants is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(args), variants, "--variants is a fraction of products from 0 to 1");
        }
        return new BenchOptions(Int("--skus", 20_000), Int("--warehouses", 10), Int("--price-types", 3), Double("--scale", 10), Double("--change", 0.01))
        {
            Portals = Int("--portals", 1),
            VariantFraction = variants,
            VariantsEach = Int("--variants-each", 3),
            Postgres = args.Contains("--postgres"),
        };
    }
}
