using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Intake;

namespace WineB24.Robots.Execution;

/// <summary>
/// Runs one queued robot call and answers the workflow.
/// Retry policy (see <see cref="RobotsOptions"/>): a transient failure — of the robot's own calls or of
/// bizproc.event.send — re-schedules the same durable job with a new trigger after an exponential delay, up to
/// MaxAttempts runs; an outcome already computed travels with the retry so the robot does not run twice. When
/// attempts run out, or on a permanent failure, the workflow gets <c>Error</c> plus a log line. A
/// bizproc.event.send <c>ACCESS_DENIED</c> (token stale or already used) and a portal needing an admin's
/// attention stop the job: nothing more can reach that workflow.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RobotRunJob(
    RobotCatalogue catalogue,
    IBitrix24ClientFactory clients,
    IOptions<RobotsOptions> options,
    TimeProvider time,
    ILogger<RobotRunJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (data.GetString(RobotJobData.Finished) == "1")
        {
            await context.Scheduler.DeleteJob(context.JobDetail.Key, CancellationToken.None);
            return;
        }
        var invocation = RobotJobData.Read(data);
        var attempt = RobotJobData.ReadAttempt(data);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["MemberId"] = invocation.MemberId,
            ["Robot"] = invocation.Code,
            ["JobId"] = context.JobDetail.Key.Name,
            ["Attempt"] = attempt,
        });
        var client = clients.ForPortal(invocation.MemberId);
        try
        {
            var outcome = RobotJobData.ReadOutcome(data) ?? await RunRobotAsync(invocation, client, attempt, cancellationToken);
            if (outcome is null)
            {
                await RetryAsync(context, attempt + 1, null, cancellationToken);
                return;
            }
            if (await SendAsync(context, invocation, client, outcome, attempt, cancellationToken))
            {
                await FinishAsync(context);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The scheduler is shutting down mid-run: leave a trigger behind so the next start picks the call up.
            await RetryAsync(context, attempt, null, CancellationToken.None, immediately: true);
            throw;
        }
        catch (Exception ex) when (FailureClassifier.Classify(ex) == FailureKind.PortalNeedsAttention)
        {
            // Nothing reaches this portal until an admin reinstalls or pays; the SDK has flagged the portal.
            logger.LogError("Robot {Robot} dropped: the portal needs an admin's attention ({Code})", invocation.Code, CodeOf(ex));
            await FinishAsync(context);
        }
    }

    /// <summary>The robot's outcome, an error outcome, or null when the run should be retried.</summary>
    private async Task<RobotOutcome?> RunRobotAsync(RobotInvocation invocation, IBitrix24Client client, int attempt, CancellationToken ct)
    {
        var robot = catalogue.Find(invocation.Code);
        if (robot is null)
        {
            logger.LogWarning("Queued call for robot {Robot}, which is no longer in the catalogue", invocation.Code);
            return ErrorOutcome(invocation, RobotTexts.UnknownRobot(invocation.Code).For(invocation.Language));
        }
        try
        {
            return await robot.RunAsync(invocation, client, ct);
        }
        catch (RobotFailure failure)
        {
            logger.LogInformation("Robot {Robot} failed for the user: {Reason}", invocation.Code, failure.Text.En);
            return ErrorOutcome(invocation, failure.Text.For(invocation.Language));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            switch (FailureClassifier.Classify(ex))
            {
                case FailureKind.Transient when attempt < options.Value.MaxAttempts:
                    logger.LogWarning("Robot {Robot} attempt {Attempt} hit a transient failure {Code}; retrying", invocation.Code, attempt, CodeOf(ex));
                    return null;
                case FailureKind.Transient:
                    logger.LogError("Robot {Robot} gave up after {Attempt} attempts, last {Code}", invocation.Code, attempt, CodeOf(ex));
                    return ErrorOutcome(invocation, RobotTexts.GaveUp(attempt, CodeOf(ex)).For(invocation.Language));
                case FailureKind.PortalNeedsAttention:
                    // The send would fail the same way; the error is on the portal record for the admin.
                    throw;
                default:
                    if (ex is Bitrix24Exception b)
                    {
                        logger.LogWarning("Robot {Robot} refused by Bitrix24: {Method} {Code}", invocation.Code, b.Method, b.Code);
                        return ErrorOutcome(invocation, RobotTexts.Refused(b.Code, b.Description).For(invocation.Language));
                    }
                    logger.LogError(ex, "Robot {Robot} failed unexpectedly", invocation.Code);
                    return ErrorOutcome(invocation, RobotTexts.Unexpected.For(invocation.Language));
            }
        }
    }

    /// <summary>True when the job is finished (sent, or nothing more can be done); false when a retry is queued.</summary>
    private async Task<bool> SendAsync(IJobExecutionContext context, RobotInvocation invocation, IBitrix24Client client,
        RobotOutcome outcome, int attempt, CancellationToken ct)
    {
        if (!invocation.UseSubscription)
        {
            // USE_SUBSCRIPTION=N: the workflow does not wait, and Bitrix24 rejects a send.
            return true;
        }
        try
        {
            await RobotResultSender.SendAsync(client, invocation.EventToken, outcome, ct);
            logger.LogInformation("Robot {Robot} answered the workflow", invocation.Code);
            return true;
        }
        catch (AccessDeniedException)
        {
            logger.LogWarning("bizproc.event.send refused for robot {Robot} (token stale or already used); stopping", invocation.Code);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException
            && FailureClassifier.Classify(ex) == FailureKind.Transient && attempt < options.Value.MaxAttempts)
        {
            logger.LogWarning("bizproc.event.send attempt {Attempt} hit {Code}; retrying", attempt, CodeOf(ex));
            await RetryAsync(context, attempt + 1, outcome, ct);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("bizproc.event.send for robot {Robot} failed for good: {Code}", invocation.Code, CodeOf(ex));
            return true;
        }
    }

    /// <summary>
    /// Keeps the job's key (with no work left) for DeliveryMemory, so RobotQueue still sees a re-delivered
    /// event_token as known; a last trigger then removes it.
    /// </summary>
    private async Task FinishAsync(IJobExecutionContext context)
    {
        var key = context.JobDetail.Key;
        var memory = options.Value.DeliveryMemory;
        if (memory <= TimeSpan.Zero)
        {
            await context.Scheduler.DeleteJob(key, CancellationToken.None);
            return;
        }
        var forget = TriggerBuilder.Create()
            .WithIdentity(key.Name + "-finished", RobotJobData.Group)
            .ForJob(key)
            .StartAt(time.GetUtcNow() + memory)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .UsingJobData(RobotJobData.Finished, "1")
            .Build();
        await context.Scheduler.ScheduleJob(forget, default, CancellationToken.None);
    }

    private async Task RetryAsync(IJobExecutionContext context, int nextAttempt, RobotOutcome? outcome, CancellationToken ct, bool immediately = false)
    {
        var key = context.JobDetail.Key;
        var delay = immediately ? TimeSpan.Zero : options.Value.DelayBeforeAttempt(nextAttempt);
        var builder = TriggerBuilder.Create()
            .WithIdentity($"{key.Name}-{nextAttempt}-{Guid.NewGuid():N}", RobotJobData.Group)
            .ForJob(key)
            .StartAt(time.GetUtcNow() + delay)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .UsingJobData(RobotJobData.Attempt, nextAttempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (outcome is not null)
        {
            builder = builder.UsingJobData(RobotJobData.Outcome, RobotJobData.WriteOutcome(outcome));
        }
        await context.Scheduler.ScheduleJob(builder.Build(), default, ct);
    }

    private static RobotOutcome ErrorOutcome(RobotInvocation invocation, string text) =>
        new(new Dictionary<string, object> { [RobotReturns.ErrorKey] = text }, text);

    private static string CodeOf(Exception ex) => ex is Bitrix24Exception b ? b.Code : ex.GetType().Name;
}
