using WineB24.Bitrix24Client.Apps;

namespace WineB24.OneCConnector.OData;

public enum ODataFailure
{
    /// <summary>401: wrong login or password — retrying changes nothing.</summary>
    Unauthorized,
    /// <summary>403: the OData user lacks the role or rights on the object.</summary>
    Forbidden,
    /// <summary>404 / "Entity not found": the object is not in the published set or the name is wrong.</summary>
    NotFound,
    /// <summary>1C, its web server or the network did not answer after every retry.</summary>
    Unavailable,
    /// <summary>1C refused the request (bad filter, unknown field).</summary>
    Rejected,
    /// <summary>The answer was not the JSON 1C writes (broken, truncated, HTML).</summary>
    BadResponse,
}

/// <summary>A 1C OData failure with a sentence a portal admin can act on, in Russian and English.</summary>
public sealed class ODataException(ODataFailure failure, LocalizedText text, string resource, Exception? inner = null)
    : Exception(text.En + " [" + resource + "]", inner)
{
    public ODataFailure Failure { get; } = failure;
    public LocalizedText Text { get; } = text;
    public string Resource { get; } = resource;
}
