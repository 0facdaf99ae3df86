namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// What one apply step wrote into Bitrix24 and what it held back for review, so the exchange journal row of the 1C
/// session the data came from shows real counts and reasons instead of "0 changes".
/// </summary>
public sealed class ApplyReport
{
    private readonly List<string> held = [];

    public int CompaniesCreated { get; private set; }
    public int CompaniesUpdated { get; private set; }
    public int DealsMoved { get; private set; }
    public int AddressesWritten { get; private set; }

    /// <summary>Review entries added in this step, one readable Russian line each (reason, then the 1C id).</summary>
    public IReadOnlyList<string> Held => held;

    public int Changes => CompaniesCreated + CompaniesUpdated + DealsMoved;

    public void CompanyCreated() => CompaniesCreated++;
    public void CompanyUpdated() => CompaniesUpdated++;
    public void DealMoved() => DealsMoved++;
    public void AddressWritten() => AddressesWritten++;
    public void Hold(string oneCId, ReviewReason reason) => held.Add(Line(oneCId, reason));

    /// <summary>The journal line of a held item; the sale file's warning to 1C contains it, so the journal keeps one copy.</summary>
    public static string Line(string oneCId, ReviewReason reason) => $"{reason.Text.Ru} (1С: {oneCId})";
}
