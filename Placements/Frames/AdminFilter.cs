using Microsoft.AspNetCore.Http;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Frames;

/// <summary>
/// Guards the pages' endpoints that change something: only a session whose viewer the portal called an admin
/// (<c>user.admin</c> at frame time) passes; others get 403 with a sentence in their language. Runs after
/// <see cref="SessionFilter"/>.
/// </summary>
public sealed class AdminFilter : IEndpointFilter
{
    public static readonly LocalizedText AdminOnly = new(
        "Изменять настройки может только администратор портала Bitrix24.",
        "Only a Bitrix24 portal administrator can change the settings.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var session = SessionFilter.Current(context.HttpContext);
        if (!session.IsAdmin)
        {
            return Results.Json(new { error = "admin_required", error_description = AdminOnly.For(session.Language) },
                statusCode: StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }
}
