namespace WineB24.PortalEmulator.Rest;

/// <summary>
/// One REST method: its scope, who may call it, and the handler. AppOnly methods reject webhooks
/// (<c>WRONG_AUTH_TYPE</c>), AdminOnly methods reject non-admin tokens (<c>ACCESS_DENIED</c>).
/// </summary>
public sealed record MethodDefinition(string Name, string Scope, Func<MethodCall, MethodResult> Handler)
{
    public bool AppOnly { get; init; }

    public bool AdminOnly { get; init; }

    public bool AllowedInBatch { get; init; } = true;
}
