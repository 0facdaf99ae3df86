using Microsoft.EntityFrameworkCore;
using Quartz;
using WineB24.Bitrix24App.Storage;

namespace WineB24.Bitrix24App.Health;

/// <summary><c>GET /healthz</c>: the database answers and the scheduler runs; 503 with the failing part otherwise.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", CheckAsync);
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(IDbContextFactory<AppDbContext> dbFactory, ISchedulerFactory schedulers, CancellationToken cancellationToken)
    {
        string database;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // A query on a real table, so a reachable but unmigrated database is not reported healthy.
            _ = await db.Portals.AsNoTracking().Select(p => p.MemberId).FirstOrDefaultAsync(cancellationToken);
            database = "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            database = $"error: {e.GetType().Name}";
        }

        string scheduler;
        try
        {
            var s = await schedulers.GetScheduler(cancellationToken);
            scheduler = s.Status == SchedulerStatus.Running ? "ok" : s.Status.ToString().ToLowerInvariant();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            scheduler = $"error: {e.GetType().Name}";
        }

        var healthy = database == "ok" && scheduler == "ok";
        return Results.Json(
            new { status = healthy ? "ok" : "unhealthy", database, scheduler },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
