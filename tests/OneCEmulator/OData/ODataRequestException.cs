namespace WineB24.OneCEmulator.OData;

/// <summary>An error the fake answers as 1C does: an HTTP status and <c>odata.error</c> with 1C's code and Russian text.</summary>
public sealed class ODataRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
