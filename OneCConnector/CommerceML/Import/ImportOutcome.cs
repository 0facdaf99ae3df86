namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>The result of importing one file: counts and changes, or a Russian failure reason.</summary>
public sealed record ImportOutcome(string FileName, ImportCounts Counts, int Changes, string? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>What a sink held back from a file that still went in (see <see cref="ImportBatch.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
