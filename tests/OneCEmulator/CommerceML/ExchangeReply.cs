namespace WineB24.OneCEmulator.CommerceML;

/// <summary>
/// A reply as 1C reads it: line 1 trimmed and lower-cased is the status (<c>success</c>, <c>progress</c>,
/// <c>failure</c>); anything else is "unknown status"; an empty body is an error.
/// </summary>
public sealed record ExchangeReply(int HttpStatus, string Body)
{
    public IReadOnlyList<string> Lines { get; } = Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public string Status => Lines[0].Trim().ToLowerInvariant();

    public bool IsSuccess => Status == "success";

    public bool IsProgress => Status == "progress";

    public bool IsFailure => Status == "failure";

    /// <summary>The reason lines after <c>failure</c> (or the whole body when the status is unknown).</summary>
    public string Reason => IsFailure ? string.Join('\n', Lines.Skip(1)).Trim() : Body;

    public override string ToString() => $"{HttpStatus}: {Body.Trim()}";
}

/// <summary>The reply to <c>mode=init</c>: <c>zip=yes|no</c> and <c>file_limit=&lt;bytes&gt;</c>.</summary>
public sealed record InitReply(bool Zip, long FileLimit, IReadOnlyList<string> Lines);

/// <summary>Raised when the site answers something 1C treats as an error (failure, unknown status, empty body).</summary>
public sealed class ExchangeException(string step, ExchangeReply? reply, string message) : Exception($"{step}: {message}")
{
    public string Step { get; } = step;

    public ExchangeReply? Reply { get; } = reply;
}
