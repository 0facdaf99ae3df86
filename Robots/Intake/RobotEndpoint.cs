using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Intake;

/// <summary>
/// <c>POST /robots/{code}</c>: verify the caller, queue the call durably, answer 200 at once (the workflow waits
/// for bizproc.event.send, not for this answer).
/// </summary>
public static class RobotEndpoint
{
    public static async Task<IResult> HandleAsync(
        string code,
        HttpRequest request,
        RobotCatalogue catalogue,
        InboundCallVerifier verifier,
        RobotQueue queue,
        IOptions<RobotsOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("WineB24.Robots.Intake");
        if (!BodyLimit.Apply(request.HttpContext, options.Value.MaxRequestBytes))
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (!request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            logger.LogWarning("Unreadable robot call {Robot}: {Error}", code, ex.Message);
            return Results.StatusCode(ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
        }
        var call = RobotCall.Read(BracketForm.FromPairs(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString()))));

        var verification = await verifier.VerifyAsync(call.MemberId, call.ApplicationToken, cancellationToken);
        if (!verification.Accepted)
        {
            logger.LogWarning("Refused robot call {Robot} for member {MemberId}: {Reason}", code, call.MemberId, verification.Refusal);
            return Results.Unauthorized();
        }
        if (catalogue.Find(code) is null)
        {
            logger.LogWarning("Robot call for unknown robot {Robot} from member {MemberId}", code, call.MemberId);
            return Results.NotFound();
        }
        if (call.Problem(code) is { } problem)
        {
            logger.LogWarning("Malformed robot call {Robot} from member {MemberId}: {Problem}", code, call.MemberId, problem);
            return Results.BadRequest(problem);
        }

        var portal = verification.Portal!;
        var queued = await queue.EnqueueAsync(call.ToInvocation(portal.Language), cancellationToken);
        logger.LogInformation(queued ? "Queued robot {Robot} for member {MemberId}" : "Robot {Robot} for member {MemberId} was already queued",
            code, portal.MemberId);
        return Results.Ok();
    }
}
