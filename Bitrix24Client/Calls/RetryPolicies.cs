using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Setup;

namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// The retry policy per <see cref="CallKind"/> (see README): an outer retry for limit refusals, which the portal
/// did not execute, so every kind repeats them (the waiting itself happens in the portal's bucket and governor),
/// and an inner retry with exponential back-off and jitter for transient faults, where a Create call is repeated
/// only if the request provably never left this machine.
/// </summary>
internal sealed class RetryPolicies
{
    private readonly ResiliencePipeline[] _byKind;

    public RetryPolicies(Bitrix24RetryOptions options, TimeProvider time, ILogger logger)
    {
        _byKind = Enum.GetValues<CallKind>().Select(kind => Build(kind, options, time, logger)).ToArray();
    }

    public ResiliencePipeline For(CallKind kind) => _byKind[(int)kind];

    /// <summary>True when repeating a call of <paramref name="kind"/> after <paramref name="error"/> cannot do harm.</summary>
    public static bool IsTransientFor(CallKind kind, Exception error) => error switch
    {
        Bitrix24TransportException { MayHaveReachedPortal: false } => true,
        Bitrix24TransportException => kind != CallKind.Create,
        InternalServerErrorException => kind != CallKind.Create,
        _ => false,
    };

    private static ResiliencePipeline Build(CallKind kind, Bitrix24RetryOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.LimitRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<QueryLimitExceededException>().Handle<OperationTimeLimitException>(),
                MaxRetryAttempts = options.LimitRetries,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero, // the bucket / governor already hold the next attempt back as long as needed
                OnRetry = args =>
                {
                    logger.LogInformation("Bitrix24 limit refusal {ErrorCode}, attempt {Attempt} will wait for the portal's limits",
                        (args.Outcome.Exception as Bitrix24Exception)?.Code, args.AttemptNumber + 1);
                    return default;
                },
            });
        }
        if (options.TransientRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransientFor(kind, e)),
                MaxRetryAttempts = options.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientBaseDelay,
                OnRetry = args =>
                {
                    logger.LogWarning("Bitrix24 transient fault {ErrorCode} on a {CallKind} call, retry {Attempt} in {Delay}",
                        (args.Outcome.Exception as Bitrix24Exception)?.Code, kind, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }
        return builder.Build();
    }
}
