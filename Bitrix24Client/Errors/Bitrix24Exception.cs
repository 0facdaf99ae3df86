namespace WineB24.Bitrix24Client.Errors;

/// <summary>A Bitrix24 error envelope (<c>error</c>, <c>error_description</c>) with the HTTP status and method.</summary>
public class Bitrix24Exception : Exception
{
    public Bitrix24Exception(string code, string description, int httpStatus, string method, Exception? inner = null)
        : base($"{method}: {code} ({httpStatus}) {description}", inner)
    {
        Code = code;
        Description = description;
        HttpStatus = httpStatus;
        Method = method;
    }

    public string Code { get; }
    public string Description { get; }
    public int HttpStatus { get; }
    public string Method { get; }
}
