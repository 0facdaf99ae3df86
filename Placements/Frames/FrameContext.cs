using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Placements.Frames;

/// <summary>A verified frame request: the portal it came from, the viewer, and the session issued for the page.</summary>
public sealed record FrameContext(PortalIdentity Portal, FramePost Post, string UserId, string Language, string Session);
