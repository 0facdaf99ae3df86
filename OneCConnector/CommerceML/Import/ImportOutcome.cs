namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>The result of importing one file: counts and changes, or a Russian failure reason.</summary>
public sealed record ImportOutcome(string FileName, ImportCounts Counts, int Changes, string? Failure)
{
    public bool Succeeded => Failure is null;
}
