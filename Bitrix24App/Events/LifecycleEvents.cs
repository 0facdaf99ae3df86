using Quartz;
using WineB24.Bitrix24App.Install;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24App.Registrations;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Bitrix24Client.Methods;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// ONAPPINSTALL, ONAPPUPDATE and ONAPPUNINSTALL. Each changes stored credentials only after the caller proved
/// itself: a first application token only for an install we confirmed ourselves; anything else only after the
/// posted tokens were confirmed at the OAuth server or against the stored portal endpoint.
/// </summary>
public sealed class LifecycleEvents(
    PortalRegistry portals,
    PortalSecrets secrets,
    InstallConfirmation confirmation,
    InboundCallVerifier verifier,
    IBitrix24ClientFactory clients,
    IEnumerable<IPortalDataCleaner> cleaners,
    ISchedulerFactory schedulers,
    OfflineSweepSchedule offlineSweep,
    PortalPlanLimits limits,
    TimeProvider time,
    ILogger<LifecycleEvents> logger)
{
    public async Task<IResult> OnInstallAsync(BracketForm form, CancellationToken cancellationToken)
    {
        var memberId = form.Get("auth", "member_id") ?? "";
        var applicationToken = form.Get("auth", "application_token");
        if (memberId.Length == 0 || string.IsNullOrEmpty(applicationToken))
        {
            return Results.Unauthorized();
        }

        var portal = await portals.FindRecordAsync(memberId, cancellationToken);
        if (portal is { Installed: true })
        {
            if (portal.ApplicationTokenSealed is null
                && await portals.SetApplicationTokenIfUnsetAsync(memberId, applicationToken, cancellationToken))
            {
                logger.LogInformation("Application token of {MemberId} stored from ONAPPINSTALL", memberId);
                return Results.Ok();
            }
            var stored = await portals.FindRecordAsync(memberId, cancellationToken);
            var storedToken = secrets.Unseal(stored?.ApplicationTokenSealed);
            if (storedToken is not null && InboundCallVerifier.FixedTimeEquals(storedToken, applicationToken))
            {
                return Results.Ok();
            }
        }

        // Unknown portal (no-UI install) or a different token: believe it only after app.info confirmed the posted token.
        var accessToken = form.Get("auth", "access_token");
        var refreshToken = form.Get("auth", "refresh_token");
        if (string.IsNullOrEmpty(accessToken) || string.IsNullOrEmpty(refreshToken))
        {
            logger.LogWarning("ONAPPINSTALL for {MemberId} refused: unconfirmable (no tokens)", memberId);
            return Results.Unauthorized();
        }
        var posted = new PostedGrant(
            memberId,
            accessToken,
            refreshToken,
            ExpiresAt(form),
            PostedGrant.Endpoint(form.Get("auth", "client_endpoint")),
            applicationToken,
            InstallRequest.NormaliseLanguage(form.Get("data", "LANGUAGE_ID")));
        var result = await confirmation.ConfirmAsync(posted, cancellationToken);
        if (result.Install is null)
        {
            logger.LogWarning("ONAPPINSTALL for {MemberId} refused: {Reason}", memberId, result.Refusal);
            return Results.Unauthorized();
        }
        limits.ApplyPlan(memberId, await portals.SaveConfirmedInstallAsync(result.Install, cancellationToken));
        await AfterInstallAsync(memberId, cancellationToken);
        logger.LogInformation("Portal {MemberId} installed from a confirmed ONAPPINSTALL", memberId);
        return Results.Ok();
    }

    public async Task<IResult> OnUpdateAsync(BracketForm form, CancellationToken cancellationToken)
    {
        var memberId = form.Get("auth", "member_id") ?? "";
        var applicationToken = form.Get("auth", "application_token");
        var accessToken = form.Get("auth", "access_token");
        var portal = memberId.Length == 0 ? null : await portals.FindRecordAsync(memberId, cancellationToken);
        if (portal is not { Installed: true } || string.IsNullOrEmpty(applicationToken) || string.IsNullOrEmpty(accessToken))
        {
            logger.LogWarning("ONAPPUPDATE for {MemberId} refused: unknown portal or missing tokens", memberId);
            return Results.Unauthorized();
        }

        // A token that the portal at the STORED endpoint accepts for app.info belongs to this app on this portal.
        AppInfo info;
        try
        {
            info = await clients.ForUnverifiedToken(new Uri(portal.ClientEndpoint), accessToken).App.InfoAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("ONAPPUPDATE for {MemberId} refused: access token not confirmed ({Error})", memberId, e.GetType().Name);
            return Results.Unauthorized();
        }

        var version = int.TryParse(form.Get("data", "VERSION"), out var v) ? v : info.Version;
        await portals.ReplaceApplicationTokenAsync(memberId, applicationToken, version, cancellationToken);
        // The update is also when the plan is read again (a portal may have moved to or from Enterprise).
        limits.ApplyPlan(memberId, await portals.SaveAppInfoAsync(memberId, info.License, info.LicenseFamily, info.Status, cancellationToken));
        await ConvergeRegistrationsJob.ScheduleAsync(await schedulers.GetScheduler(cancellationToken), memberId, cancellationToken);
        logger.LogInformation("Portal {MemberId} updated to version {Version}; registrations re-converging", memberId, version);
        return Results.Ok();
    }

    public async Task<IResult> OnUninstallAsync(BracketForm form, CancellationToken cancellationToken)
    {
        var memberId = form.Get("auth", "member_id");
        var verification = await verifier.VerifyAsync(memberId, form.Get("auth", "application_token"), cancellationToken);
        if (!verification.Accepted)
        {
            logger.LogWarning("ONAPPUNINSTALL for {MemberId} refused: {Reason}", memberId, verification.Refusal);
            return Results.Unauthorized();
        }
        var member = verification.Portal!.MemberId;
        await portals.MarkUninstalledAsync(member, cancellationToken);
        await offlineSweep.RemoveAsync(member, cancellationToken);

        var clean = form.Get("data", "CLEAN") == "1";
        if (clean)
        {
            foreach (var cleaner in cleaners)
            {
                try
                {
                    await cleaner.DeletePortalDataAsync(member, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Data cleaner {Cleaner} failed for {MemberId}", cleaner.GetType().Name, member);
                }
            }
            await portals.DeletePortalRowsAsync(member, cancellationToken);
        }
        logger.LogInformation("Portal {MemberId} uninstalled (clean={Clean})", member, clean);
        return Results.Ok();
    }

    /// <summary><c>auth[expires]</c> (unix seconds) or <c>auth[expires_in]</c>; an hour when neither is usable.</summary>
    private DateTimeOffset ExpiresAt(BracketForm form)
    {
        if (long.TryParse(form.Get("auth", "expires"), out var unix) && unix > 0)
        {
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        }
        return time.GetUtcNow().AddSeconds(int.TryParse(form.Get("auth", "expires_in"), out var seconds) && seconds > 0 ? seconds : 3600);
    }

    /// <summary>What follows an install confirmed from the event: registrations (which also schedule the offline sweep).</summary>
    private async Task AfterInstallAsync(string memberId, CancellationToken cancellationToken) =>
        await ConvergeRegistrationsJob.ScheduleAsync(await schedulers.GetScheduler(cancellationToken), memberId, cancellationToken);
}
