using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Placements.Frames;

/// <summary>A verified frame request: the portal it came from, the viewer, and the session issued for the page.</summary>
public sealed record FrameContext(PortalIdentity Portal, FramePost Post, Viewer Viewer, string Language, string Session);

/// <summary>The user who opened the page, as the portal answered for their token; empty id and no rights when it did not.</summary>
public sealed record Viewer(string UserId, bool IsAdmin)
{
    public static readonly Viewer Unknown = new("", false);
}
