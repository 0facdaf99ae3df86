namespace WineB24.Robots.Catalogue;

/// <summary>
/// What goes back with <c>bizproc.event.send</c>: <see cref="ReturnValues"/> keyed by the robot's return
/// properties (string, long, double or bool — bool is sent as Y/N, the bizproc form) and the workflow log line.
/// </summary>
public sealed record RobotOutcome(IReadOnlyDictionary<string, object> ReturnValues, string? LogMessage);
