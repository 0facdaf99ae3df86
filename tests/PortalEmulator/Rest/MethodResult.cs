using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Rest;

/// <summary>What a method returns: the <c>result</c> plus the list paging members when it is a list.</summary>
public sealed record MethodResult(JsonNode? Result, int? Total = null, int? Next = null)
{
    public static implicit operator MethodResult(JsonNode? result) => new(result);

    public static MethodResult True => new(JsonValue.Create(true));
}
