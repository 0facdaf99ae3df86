using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Batch;

/// <summary>
/// One command of a <c>batch</c>: <paramref name="Key"/> names its result (and lets later commands refer to it
/// as <c>$result[Key][field]</c>); <paramref name="Parameters"/> is an object or JObject.
/// </summary>
public sealed record BatchCommand(string Key, string Method, object? Parameters = null, CallKind Kind = CallKind.Read);
