namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// Brings 1C counterparties into the portal's companies and requisites. Idempotent: cards that did not change
/// since the last run cost no Bitrix24 write.
/// </summary>
public interface ICounterpartySink
{
    Task ApplyAsync(string memberId, IReadOnlyList<CounterpartyCard> cards, CancellationToken cancellationToken);
}
