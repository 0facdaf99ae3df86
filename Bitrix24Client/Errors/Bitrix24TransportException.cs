namespace WineB24.Bitrix24Client.Errors;

/// <summary>
/// No Bitrix24 answer: timeout, connection reset or refused, or a body that is not a Bitrix24 envelope.
/// <see cref="MayHaveReachedPortal"/> is false only when the request provably never left (connection refused,
/// unknown host), which is the only transport fault after which a Create call may be repeated.
/// </summary>
public sealed class Bitrix24TransportException(string code, string description, int httpStatus, string method, bool mayHaveReachedPortal, Exception? inner = null)
    : Bitrix24Exception(code, description, httpStatus, method, inner)
{
    public const string Timeout = "TRANSPORT_TIMEOUT";
    public const string ConnectionFailed = "TRANSPORT_CONNECTION_FAILED";
    public const string ConnectionRefused = "TRANSPORT_CONNECTION_REFUSED";
    public const string UnexpectedAnswer = "TRANSPORT_UNEXPECTED_ANSWER";

    public bool MayHaveReachedPortal { get; } = mayHaveReachedPortal;
}
