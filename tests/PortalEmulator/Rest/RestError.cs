namespace WineB24.PortalEmulator.Rest;

/// <summary>A Bitrix24 error answer: HTTP status + <c>{"error","error_description"}</c>.</summary>
public sealed class RestError(int status, string code, string description) : Exception($"{status} {code}: {description}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Description { get; } = description;

    /// <summary>Extra members some errors carry (e.g. <c>argument</c>).</summary>
    public string? Argument { get; init; }

    public static RestError MethodNotFound(string method) => new(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");

    public static RestError AccessDenied(string text = "Access denied!") => new(403, "ACCESS_DENIED", text);

    public static RestError Argument400(string argument, string text) => new(400, "ERROR_ARGUMENT", text) { Argument = argument };

    public static RestError Core(string text) => new(400, "ERROR_CORE", text);

    public static RestError NotFound(string text = "Not found") => new(400, "NOT_FOUND", text);
}
