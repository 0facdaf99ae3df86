namespace WineB24.Bitrix24Client.Apps;

/// <summary>Deletes a feature's data for a portal when the admin uninstalls with "delete data" (CLEAN=1).</summary>
public interface IPortalDataCleaner
{
    Task DeletePortalDataAsync(string memberId, CancellationToken cancellationToken);
}
