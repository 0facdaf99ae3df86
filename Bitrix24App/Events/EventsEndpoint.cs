using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// <c>POST /events</c>: Bitrix24's event handler URL. Lifecycle events go to <see cref="LifecycleEvents"/>; any
/// other event is verified (application_token), persisted without tokens, answered 200 at once and dispatched by
/// a durable job.
/// </summary>
public static class EventsEndpoint
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(DesiredPath, HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private const string DesiredPath = Registrations.DesiredRegistrations.EventsPath;

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        IOptions<AppOptions> app,
        LifecycleEvents lifecycle,
        InboundCallVerifier verifier,
        InboundEventStore store,
        ISchedulerFactory schedulers,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("WineB24.Bitrix24App.Events");
        var form = await InboundForm.ReadAsync(request, app.Value.MaxInboundFormBytes, cancellationToken);
        if (form is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var eventName = form.Get("event")?.Trim().ToUpperInvariant();
        var memberId = form.Get("auth", "member_id");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = memberId ?? "" });
        if (string.IsNullOrEmpty(eventName) || eventName.Length > 128)
        {
            return Results.BadRequest();
        }

        switch (eventName)
        {
            case "ONAPPINSTALL":
                return await lifecycle.OnInstallAsync(form, cancellationToken);
            case "ONAPPUPDATE":
                return await lifecycle.OnUpdateAsync(form, cancellationToken);
            case "ONAPPUNINSTALL":
                return await lifecycle.OnUninstallAsync(form, cancellationToken);
        }

        var verification = await verifier.VerifyAsync(memberId, form.Get("auth", "application_token"), cancellationToken);
        if (!verification.Accepted)
        {
            logger.LogWarning("Event {EventName} for {MemberId} refused: {Reason}", eventName, memberId, verification.Refusal);
            return Results.Unauthorized();
        }

        var member = verification.Portal!.MemberId;
        var id = await store.AddAsync(member, eventName, EventData.FromFormNode(form.Node("data")), fromOfflineQueue: false, cancellationToken);
        try
        {
            await DispatchInboundEventJob.ScheduleAsync(await schedulers.GetScheduler(cancellationToken), member, id, cancellationToken);
        }
        catch (SchedulerException e)
        {
            // The event is stored: PendingEventRecovery schedules it later. Bitrix24 never re-sends, so still 200.
            logger.LogError(e, "Event {EventName} #{EventId} stored but not scheduled; recovery will pick it up", eventName, id);
        }
        logger.LogInformation("Event {EventName} #{EventId} accepted", eventName, id);
        return Results.Ok();
    }
}
