using WineB24.Bitrix24Client.Errors;

namespace WineB24.Robots.Execution;

public enum FailureKind
{
    /// <summary>Repeat later: the portal was busy, limited or did not answer.</summary>
    Transient,
    /// <summary>Repeating will not help; the workflow gets the error.</summary>
    Permanent,
    /// <summary>No call to the portal can succeed until an admin acts (revoked grant, deleted portal, unpaid).</summary>
    PortalNeedsAttention,
}

/// <summary>Sorts a failure by what the job should do about it. Matches Bitrix24 error codes, never texts.</summary>
public static class FailureClassifier
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT", "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER",
        "TRANSPORT_TIMEOUT", "TRANSPORT_CONNECTION_FAILED", "TRANSPORT_CONNECTION_REFUSED", "TRANSPORT_UNEXPECTED_ANSWER",
    };

    // The SDK raises its PortalNeedsAttentionException with one of these codes (or NO_TOKENS); matching the code
    // keeps the rule true whichever exception type carries it.
    private static readonly HashSet<string> AttentionCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "invalid_grant", "invalid_client", "NO_TOKENS", "PORTAL_DELETED", "PAYMENT_REQUIRED", "OVERLOAD_LIMIT",
        "wrong_client", "APPLICATION_NOT_FOUND", "NOT_INSTALLED", "ERROR_OAUTH", "NO_AUTH_FOUND",
    };

    public static FailureKind Classify(Exception exception) => exception switch
    {
        Bitrix24Exception b when AttentionCodes.Contains(b.Code) => FailureKind.PortalNeedsAttention,
        Bitrix24Exception b when TransientCodes.Contains(b.Code) => FailureKind.Transient,
        // Any other 5xx is the portal in trouble, not our request (OVERLOAD_LIMIT and PORTAL_DELETED are above).
        Bitrix24Exception b when b.HttpStatus >= 500 => FailureKind.Transient,
        Bitrix24Exception => FailureKind.Permanent,
        HttpRequestException or TimeoutException => FailureKind.Transient,
        _ => FailureKind.Permanent,
    };
}
