using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24Client.Errors;

/// <summary>Turns a Bitrix24 error envelope into the typed exception for its <c>error</c> code.</summary>
public static class ErrorCodes
{
    /// <summary>Codes after which an OAuth portal stays broken until an admin acts.</summary>
    private static readonly HashSet<string> NeedsAttention = new(StringComparer.OrdinalIgnoreCase)
    {
        "invalid_grant", "invalid_client", "PORTAL_DELETED", "PAYMENT_REQUIRED",
        "wrong_client", "APPLICATION_NOT_FOUND", "NOT_INSTALLED",
    };

    public static bool RequiresAttention(string code) => NeedsAttention.Contains(code);

    /// <summary>Builds the exception; <paramref name="envelope"/> supplies extras such as <c>argument</c>.</summary>
    public static Bitrix24Exception ToException(string code, string description, int httpStatus, string method, JObject? envelope = null)
    {
        // Bitrix24 is inconsistent about case between the OAuth server (lower) and methods (upper): ignore case.
        switch (code.ToUpperInvariant())
        {
            case "EXPIRED_TOKEN": return new ExpiredTokenException(code, description, httpStatus, method);
            case "INVALID_TOKEN": return new InvalidTokenException(code, description, httpStatus, method);
            case "NO_AUTH_FOUND":
            case "ERROR_OAUTH": return new NoAuthFoundException(code, description, httpStatus, method);
            case "METHOD_CONFIRM_WAITING": return new MethodConfirmWaitingException(code, description, httpStatus, method);
            case "METHOD_CONFIRM_DENIED": return new MethodConfirmDeniedException(code, description, httpStatus, method);
            case "INSUFFICIENT_SCOPE":
            case "INVALID_SCOPE": return new InsufficientScopeException(code, description, httpStatus, method);
            case "INVALID_CREDENTIALS": return new InvalidCredentialsException(code, description, httpStatus, method);
            case "ACCESS_DENIED":
            case "USER_ACCESS_ERROR":
            case "ALLOWED_ONLY_INTRANET_USER": return new AccessDeniedException(code, description, httpStatus, method);
            case "WRONG_AUTH_TYPE": return new WrongAuthTypeException(code, description, httpStatus, method);
            case "INVALID_REQUEST": return new InvalidRequestException(code, description, httpStatus, method);
            case "ERROR_BATCH_LENGTH_EXCEEDED": return new BatchLengthExceededException(code, description, httpStatus, method);
            case "ERROR_BATCH_METHOD_NOT_ALLOWED": return new BatchMethodNotAllowedException(code, description, httpStatus, method);
            case "ERROR_METHOD_NOT_FOUND":
            case "ERROR_MANIFEST_IS_NOT_AVAILABLE": return new MethodNotFoundException(code, description, httpStatus, method);
            case "OPERATION_TIME_LIMIT": return new OperationTimeLimitException(code, description, httpStatus, method);
            case "QUERY_LIMIT_EXCEEDED": return new QueryLimitExceededException(code, description, httpStatus, method);
            case "OVERLOAD_LIMIT": return new OverloadLimitException(code, description, httpStatus, method);
            case "INTERNAL_SERVER_ERROR":
            case "ERROR_UNEXPECTED_ANSWER": return new InternalServerErrorException(code, description, httpStatus, method);
            case "PORTAL_DELETED": return new PortalDeletedException(code, description, httpStatus, method);
            case "PAYMENT_REQUIRED": return new PaymentRequiredException(code, description, httpStatus, method);
            case "WRONG_CLIENT":
            case "APPLICATION_NOT_FOUND":
            case "NOT_INSTALLED": return new ApplicationNotInstalledException(code, description, httpStatus, method);
            case "NOT_FOUND": return new NotFoundException(code, description, httpStatus, method);
            case "ERROR_ARGUMENT":
            case "INVALID_ARG_VALUE":
                return new ArgumentErrorException(code, description, httpStatus, method, envelope?.Value<string>("argument"));
            case "ERROR_CORE": return new CoreErrorException(code, description, httpStatus, method);
            case "INVALID_GRANT": return new InvalidGrantException(code, description, httpStatus, method);
            case "INVALID_CLIENT": return new InvalidClientException(code, description, httpStatus, method);
            default: return new Bitrix24Exception(code, description, httpStatus, method);
        }
    }
}
