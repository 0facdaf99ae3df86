using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Robots.Catalogue;

/// <summary>
/// One automation-rule robot: what Bitrix24 registers (<see cref="Definition"/>) and what runs when a workflow
/// reaches it. <see cref="RunAsync"/> runs inside a durable job, never inside the HTTP request.
/// </summary>
public interface IRobot
{
    RobotDefinition Definition { get; }

    /// <summary>
    /// Does the robot's work. Throw <see cref="RobotFailure"/> for a failure a person must fix (the workflow gets
    /// the <c>Error</c> return value); let Bitrix24 exceptions through — the job decides whether to retry.
    /// </summary>
    Task<RobotOutcome> RunAsync(RobotInvocation invocation, IBitrix24Client client, CancellationToken cancellationToken);
}
