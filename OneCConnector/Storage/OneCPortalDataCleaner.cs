using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.CommerceML.Exchange;

namespace WineB24.OneCConnector.Storage;

/// <summary>Removes a portal's 1C data (credentials, sessions, journal, stock, prices, uploads) on uninstall with CLEAN=1.</summary>
public sealed class OneCPortalDataCleaner(IDbContextFactory<OneCDbContext> dbFactory, UploadStore uploads) : IPortalDataCleaner
{
    public async Task DeletePortalDataAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Credentials.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Sessions.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Journal.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Stocks.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Prices.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.PriceTypes.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Warehouses.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.CatalogueItems.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.PushLeases.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        uploads.DeletePortal(memberId);
    }
}
