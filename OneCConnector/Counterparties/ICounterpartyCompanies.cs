namespace WineB24.OneCConnector.Counterparties;

/// <summary>Which Bitrix24 company stands for which 1C counterparty, as the counterparty sync established it.</summary>
public interface ICounterpartyCompanies
{
    Task<long?> FindCompanyIdAsync(string memberId, string oneCCounterpartyId, CancellationToken cancellationToken);

    Task<string?> FindOneCIdAsync(string memberId, long companyId, CancellationToken cancellationToken);
}
