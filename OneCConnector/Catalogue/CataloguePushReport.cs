namespace WineB24.OneCConnector.Catalogue;

/// <summary>What one push run did: Bitrix24 writes (add/update commands that succeeded), lookups, failures.</summary>
public sealed class CataloguePushReport
{
    public int Writes { get; internal set; }
    public int Created { get; internal set; }
    public int Linked { get; internal set; }
    public int Failed { get; internal set; }
    public int Waiting { get; internal set; }

    /// <summary>Products set inactive because a finished full snapshot from 1C did not list them.</summary>
    public int Deactivated { get; internal set; }

    /// <summary>Linked properties updated (name or type); products are then sent again.</summary>
    public int PropertiesChanged { get; internal set; }

    private const int MaxErrors = 20;
    private readonly List<string> errors = [];
    private int moreErrors;

    /// <summary>New failures of this run for the exchange journal (the first 20, then a count).</summary>
    public IReadOnlyList<string> Errors => moreErrors == 0 ? errors : [.. errors, $"… и ещё {moreErrors} / and {moreErrors} more"];

    internal void AddError(string error)
    {
        if (errors.Count < MaxErrors)
        {
            errors.Add(error);
        }
        else
        {
            moreErrors++;
        }
    }

    /// <summary>Another instance holds the portal's push lease; this run did nothing.</summary>
    public bool HeldElsewhere { get; internal set; }

    public override string ToString() => $"writes {Writes} (created {Created}), relinked {Linked}, failed {Failed}, waiting {Waiting}, deactivated {Deactivated}";
}
