using Microsoft.Extensions.Options;
using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24App.Registrations;

namespace WineB24.Bitrix24App.Install;

/// <summary>
/// <c>POST /install</c> (the installer frame): confirm the posted credentials, store them, converge the
/// registrations, then answer the page that calls <c>BX24.installFinish()</c>. <c>GET /install</c> explains the URL.
/// </summary>
public static class InstallEndpoint
{
    public const string Path = "/install";

    public static IEndpointRouteBuilder MapInstall(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request) =>
            Results.Content(InstallPages.Help(InstallRequest.NormaliseLanguage(request.Query["LANG"].ToString())), "text/html; charset=utf-8"));
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        IOptions<AppOptions> app,
        InstallConfirmation confirmation,
        PortalRegistry portals,
        Registrar registrar,
        OfflineSweepSchedule offlineSweep,
        PortalPlanLimits limits,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("WineB24.Bitrix24App.Install");
        var language = InstallRequest.NormaliseLanguage(request.Query["LANG"].ToString());
        var form = await InboundForm.ReadAsync(request, app.Value.MaxInboundFormBytes, cancellationToken);
        if (form is null)
        {
            return Html(StatusCodes.Status413PayloadTooLarge, InstallPages.Failed(language, Text(language, "Запрос слишком большой.", "The request is too large.")));
        }
        var (install, problem) = InstallRequest.From(request.Query, form);
        if (install is null)
        {
            return Html(StatusCodes.Status400BadRequest, InstallPages.Failed(language,
                Text(language, "Это не запрос установки от Битрикс24: ", "This is not a Bitrix24 install request: ") + problem));
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = install.MemberId });
        var result = await confirmation.ConfirmAsync(install.ToPostedGrant(time.GetUtcNow()), cancellationToken);
        if (result.Install is null)
        {
            logger.LogWarning("Install POST for {MemberId} refused: {Reason}", install.MemberId, result.Refusal);
            return Html(StatusCodes.Status403Forbidden, InstallPages.Failed(language,
                Text(language, "Битрикс24 не подтвердил данные установки: ", "Bitrix24 did not confirm the installation credentials: ") + result.Refusal));
        }

        var plan = await portals.SaveConfirmedInstallAsync(result.Install, cancellationToken);
        limits.ApplyPlan(result.Install.MemberId, plan);
        var log = await registrar.ConvergeAsync(result.Install.MemberId, result.Install.Language, cancellationToken);
        await offlineSweep.EnsureAsync(result.Install.MemberId, cancellationToken);
        if (log.HasErrors)
        {
            var errors = log.Entries.Where(e => e.Error is not null).Select(e => $"{e.Kind} {e.Key}: {e.Error}");
            return Html(StatusCodes.Status502BadGateway, InstallPages.Failed(language,
                Text(language, "Не всё удалось зарегистрировать на портале:", "Some registrations failed on the portal:"), errors));
        }
        logger.LogInformation("Portal {MemberId} installed ({Domain}, license {License})", install.MemberId, result.Install.Domain, result.Install.License);
        return Html(StatusCodes.Status200OK, InstallPages.Finished(language));
    }

    private static string Text(string language, string ru, string en) => language == "ru" ? ru : en;

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
