namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// How safe a call is to repeat after a transport fault where the portal may or may not have executed it.
/// </summary>
public enum CallKind
{
    /// <summary>Reads: retried on any transient fault.</summary>
    Read,
    /// <summary>Writes that converge when repeated (update, set, bind, delete, event.send): retried on transient faults.</summary>
    IdempotentWrite,
    /// <summary>
    /// Calls that create records (*.add): retried only when the portal provably did not run them
    /// (503 QUERY_LIMIT_EXCEEDED, 429 OPERATION_TIME_LIMIT, 401 expired_token, connection refused);
    /// never after a timeout, reset or 5xx, where the record may already exist.
    /// </summary>
    Create,
}
