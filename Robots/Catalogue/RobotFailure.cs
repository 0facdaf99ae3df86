using WineB24.Bitrix24Client.Apps;

namespace WineB24.Robots.Catalogue;

/// <summary>
/// A failure that repeating will not fix (bad document, missing setting). The workflow receives
/// <see cref="Text"/> in the portal's language as the <c>Error</c> return value.
/// </summary>
public sealed class RobotFailure(LocalizedText text, Exception? inner = null) : Exception(text.En, inner)
{
    public LocalizedText Text { get; } = text;
}
