using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Exchange;

namespace WineB24.OneCConnector.Storage;

/// <summary>Removes a portal's 1C data (credentials and their login's failure counter, sessions, journal, failed files, stock, prices, uploads, counterparty and deal links, review list, stage map, sale inbox, OData connection, receivables, catalogue items, background leases) on uninstall with CLEAN=1.</summary>
public sealed class OneCPortalDataCleaner(IDbContextFactory<OneCDbContext> dbFactory, UploadStore uploads) : IPortalDataCleaner
{
    public async Task DeletePortalDataAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The failure counter of the portal's exchange login goes with the login (onec_login_failures is keyed by
        // login/IP, not by portal; IP counters are shared by every portal behind that address and stay).
        var login = await db.Credentials.Where(x => x.MemberId == memberId).Select(x => x.Login).SingleOrDefaultAsync(cancellationToken);
        if (login is not null)
        {
            var key = LoginThrottle.LoginKey(login);
            await db.LoginFailures.Where(x => x.Key == key).ExecuteDeleteAsync(cancellationToken);
        }
        await db.Credentials.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Sessions.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Journal.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.FailedFiles.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Stocks.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Prices.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.PriceTypes.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Warehouses.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.CounterpartyLinks.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Review.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.StageMap.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.DealLinks.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.CompanyQueue.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.SaleInbox.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.ODataConnections.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Receivables.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.CatalogueItems.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.PortalLeases.Where(x => x.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);   // every purpose: catalogue push, sale inbox
        uploads.DeletePortal(memberId);
    }
}
