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

/// <summary>
/// Sorts a failure by what the job should do about it, by the SDK's typed exceptions (one type per Bitrix24
/// error family, see Bitrix24Client/Errors), never by texts.
/// </summary>
public static class FailureClassifier
{
    public static FailureKind Classify(Exception exception) => exception switch
    {
        // The SDK has already marked the portal (MarkNeedsAttentionAsync); the others are the codes behind it,
        // seen when they arrive inside a batch or from a client that does not mark.
        PortalNeedsAttentionException or InvalidGrantException or InvalidClientException or PortalDeletedException
            or PaymentRequiredException or ApplicationNotInstalledException or NoAuthFoundException
            // OVERLOAD_LIMIT: REST blocked for the portal by Bitrix24 staff, a support case rather than a wait.
            or OverloadLimitException => FailureKind.PortalNeedsAttention,
        // The portal did not run the call, or may not have, or no answer came at all.
        QueryLimitExceededException or OperationTimeLimitException or InternalServerErrorException
            or Bitrix24TransportException => FailureKind.Transient,
        // An unknown code on a 5xx is the portal in trouble, not our request.
        Bitrix24Exception { HttpStatus: >= 500 } => FailureKind.Transient,
        Bitrix24Exception => FailureKind.Permanent,
        HttpRequestException or TimeoutException => FailureKind.Transient,
        _ => FailureKind.Permanent,
    };
}
