namespace WineB24.OneCConnector.Catalogue;

/// <summary>What one push run did: Bitrix24 writes (add/update commands that succeeded), lookups, failures.</summary>
public sealed class CataloguePushReport
{
    public int Writes { get; internal set; }
    public int Created { get; internal set; }
    public int Linked { get; internal set; }
    public int Failed { get; internal set; }
    public int Waiting { get; internal set; }

    /// <summary>Another instance holds the portal's push lease; this run did nothing.</summary>
    public bool HeldElsewhere { get; internal set; }

    public override string ToString() => $"writes {Writes} (created {Created}), relinked {Linked}, failed {Failed}, waiting {Waiting}";
}
