using System.Globalization;

namespace WineB24.Bench.Bitrix24Throughput.Setup;

/// <summary>Command line of the benchmark; every figure that shapes a bound is a flag so a reader can re-run it.</summary>
public sealed record BenchOptions
{
    public int Companies { get; init; } = 10_000;

    /// <summary>Emulated seconds per real second for both scenarios; ignored with <see cref="RealTime"/>.</summary>
    public double? Scale { get; init; }

    /// <summary>
    /// The export's default clock scale. The emulator seeks list pages by ID (a keyset page over 10,000 records
    /// costs it well under a millisecond), so the export runs as fast as the update: what it measures is the limits.
    /// </summary>
    public double ExportScale => Scale ?? 50;

    /// <summary>The update's default clock scale: batches are cheap for the emulator, the run spans 10-minute windows.</summary>
    public double UpdateScale => Scale ?? 50;

    /// <summary>Share of the operating budget above which the SDK spaces calls out (the app's setting: 0.8).</summary>
    public double ThrottleFraction { get; init; } = 0.8;

    public bool RealTime { get; init; }

    public double RatePerSecond { get; init; } = 2;

    public int Burst { get; init; } = 50;

    /// <summary>Operating budget per method per 10 minutes (Bitrix24: 480 s).</summary>
    public double OperatingBudgetSeconds { get; init; } = 480;

    /// <summary>Emulated execution time of one crm.company.list page: small, so the export is rate-bound.</summary>
    public double ListCostSeconds { get; init; } = 0.5;

    /// <summary>Emulated execution time of one crm.company.update: large, so the update is operating-bound.</summary>
    public double UpdateCostSeconds { get; init; } = 0.125;

    public bool Export { get; init; } = true;

    public bool Update { get; init; } = true;

    /// <summary>Where to write the results as Markdown (optional).</summary>
    public string? MarkdownPath { get; init; }

    public const string Usage = """
        dotnet run -c Release --project bench/Bitrix24Throughput -- [options]
          --companies N        companies to seed and process (10000)
          --real-time          run on the system clock instead of the emulator's scaled clock
          --scale X            emulated seconds per real second (default 50 for both)
          --rate R --burst B   the portal's leaky bucket (2, 50: every plan but Enterprise)
          --budget S           operating seconds per method per 10 minutes (480)
          --list-cost S        emulated seconds per crm.company.list page (0.5)
          --update-cost S      emulated seconds per crm.company.update (0.125)
          --throttle F         SDK: share of the operating budget above which calls are spaced out (0.8)
          --only export|update run one scenario
          --markdown FILE      also write the results table to FILE
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--companies" => o with { Companies = (int)Number() },
                "--real-time" => o with { RealTime = true },
                "--scale" => o with { Scale = Number() },
                "--rate" => o with { RatePerSecond = Number() },
                "--burst" => o with { Burst = (int)Number() },
                "--budget" => o with { OperatingBudgetSeconds = Number() },
                "--list-cost" => o with { ListCostSeconds = Number() },
                "--update-cost" => o with { UpdateCostSeconds = Number() },
                "--throttle" => o with { ThrottleFraction = Number() },
                "--only" => Next() switch
                {
                    "export" => o with { Update = false },
                    "update" => o with { Export = false },
                    var other => throw new ArgumentException($"--only export|update, not {other}"),
                },
                "--markdown" => o with { MarkdownPath = Next() },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }
        if (o.Companies < 1 || o.Scale is <= 0 || !(o.ThrottleFraction is > 0 and <= 1) || !(o.RatePerSecond > 0) || o.Burst < 1 || !(o.OperatingBudgetSeconds > 0)
            || !(o.ListCostSeconds > 0) || !(o.UpdateCostSeconds > 0))
            throw new ArgumentException("companies, scale, rate, burst, budget and costs must be positive; throttle in (0, 1]");
        return o;
    }
}
