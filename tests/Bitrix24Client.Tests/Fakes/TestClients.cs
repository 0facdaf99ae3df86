using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;

namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>Builds factories pointed at a stub, with test-friendly defaults.</summary>
public static class TestClients
{
    public const string MemberId = "9d2c41e7b0a3f00d9d2c41e7b0a3f00d";

    public static Bitrix24ClientOptions Options(StubPortal stub, Action<Bitrix24ClientOptions>? tweak = null)
    {
        var o = new Bitrix24ClientOptions
        {
            ClientId = "app.67a0b1c2.11223344",
            ClientSecret = "s3cr3t-never-logged",
            OAuthServer = stub.BaseUri,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        o.Retry.TransientBaseDelay = TimeSpan.FromMilliseconds(100);
        tweak?.Invoke(o);
        return o;
    }

    public static Bitrix24ClientFactory Factory(StubPortal stub, TimeProvider time, ITokenStore? store = null,
        Action<Bitrix24ClientOptions>? tweak = null, IEnumerable<IPortalEndpointChanges>? endpointChanges = null) =>
        new(Options(stub, tweak), () => store, time, null, endpointChanges, handler: null);

    public static PortalTokens Tokens(StubPortal stub, string access = "access-1", string refresh = "refresh-1") =>
        new(MemberId, stub.RestEndpoint, access, refresh, DateTimeOffset.UnixEpoch.AddYears(60));
}
