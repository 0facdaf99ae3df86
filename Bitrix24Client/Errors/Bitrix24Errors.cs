namespace WineB24.Bitrix24Client.Errors;

// One small type per documented Bitrix24 error family (reference sheet §3 and §2 OAuth errors), so callers can
// catch what they can act on. Codes are matched on `error`, never on HTTP status or text. Unknown codes,
// including the "" and "0" that some methods return, stay a plain Bitrix24Exception.

/// <summary>401 <c>expired_token</c>: the access token is older than an hour; the SDK refreshes and retries once.</summary>
public sealed class ExpiredTokenException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>401 <c>invalid_token</c>: the token is unknown to the portal.</summary>
public sealed class InvalidTokenException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>401 <c>NO_AUTH_FOUND</c> / <c>ERROR_OAUTH</c>: missing or wrong token or webhook code, app not installed.</summary>
public sealed class NoAuthFoundException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>401 <c>METHOD_CONFIRM_WAITING</c>: an admin must approve the method (ONAPPMETHODCONFIRM follows).</summary>
public sealed class MethodConfirmWaitingException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary><c>METHOD_CONFIRM_DENIED</c>: an admin refused the method (SDK maps only, unverified).</summary>
public sealed class MethodConfirmDeniedException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>403 <c>insufficient_scope</c> / <c>invalid_scope</c>: the app lacks the scope.</summary>
public sealed class InsufficientScopeException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>403 <c>INVALID_CREDENTIALS</c>: the token's user lacks the rights.</summary>
public sealed class InvalidCredentialsException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>
/// 403/400 <c>ACCESS_DENIED</c> (no REST on the plan, not an admin, no app context, stale EVENT_TOKEN) and the
/// user restrictions <c>user_access_error</c>, <c>allowed_only_intranet_user</c>.
/// </summary>
public sealed class AccessDeniedException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>403 <c>WRONG_AUTH_TYPE</c>: the method needs an application (OAuth) context, not a webhook.</summary>
public sealed class WrongAuthTypeException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>400 <c>INVALID_REQUEST</c> ("Https required") and the OAuth <c>invalid_request</c>.</summary>
public sealed class InvalidRequestException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>400 <c>ERROR_BATCH_LENGTH_EXCEEDED</c>: more than 50 commands in one batch.</summary>
public sealed class BatchLengthExceededException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>405 <c>ERROR_BATCH_METHOD_NOT_ALLOWED</c>: file transfer or nested batch inside batch.</summary>
public sealed class BatchMethodNotAllowedException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>404 <c>ERROR_METHOD_NOT_FOUND</c> / <c>ERROR_MANIFEST_IS_NOT_AVAILABLE</c>.</summary>
public sealed class MethodNotFoundException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>429 <c>OPERATION_TIME_LIMIT</c>: this method's execution-time budget is spent until the reset.</summary>
public sealed class OperationTimeLimitException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>503 <c>QUERY_LIMIT_EXCEEDED</c>: the portal's request bucket is full.</summary>
public sealed class QueryLimitExceededException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>503 <c>OVERLOAD_LIMIT</c>: REST blocked for the portal by Bitrix24 staff; a support case, not retried.</summary>
public sealed class OverloadLimitException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>500 <c>INTERNAL_SERVER_ERROR</c> / <c>ERROR_UNEXPECTED_ANSWER</c>, and bare 5xx pages: transient.</summary>
public sealed class InternalServerErrorException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary><c>PORTAL_DELETED</c>: the portal is gone; stop scheduling work for it.</summary>
public sealed class PortalDeletedException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary><c>PAYMENT_REQUIRED</c>: the app's trial or paid period is over.</summary>
public sealed class PaymentRequiredException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>
/// <c>wrong_client</c>, <c>APPLICATION_NOT_FOUND</c>, <c>NOT_INSTALLED</c>: the app is not (or no longer)
/// installed on the portal (these codes come from SDK error maps; unverified in the docs).
/// </summary>
public sealed class ApplicationNotInstalledException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>400 <c>NOT_FOUND</c>: the record does not exist (e.g. crm.item.get).</summary>
public sealed class NotFoundException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>400 <c>ERROR_ARGUMENT</c> / <c>INVALID_ARG_VALUE</c>; <see cref="Argument"/> names the parameter when sent.</summary>
public sealed class ArgumentErrorException(string code, string description, int httpStatus, string method, string? argument)
    : Bitrix24Exception(code, description, httpStatus, method)
{
    public string? Argument { get; } = argument;
}

/// <summary>400 <c>ERROR_CORE</c>: the method's own validation refused the data.</summary>
public sealed class CoreErrorException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>OAuth <c>invalid_grant</c>: the refresh token is dead or already used; an admin must reopen the app.</summary>
public sealed class InvalidGrantException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);

/// <summary>OAuth <c>invalid_client</c>: wrong client id/secret, or the app is not installed.</summary>
public sealed class InvalidClientException(string code, string description, int httpStatus, string method)
    : Bitrix24Exception(code, description, httpStatus, method);
