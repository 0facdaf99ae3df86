using Microsoft.Extensions.Options;

namespace WineB24.Bitrix24Client.Setup;

/// <summary>Fails start-up on settings that would make every call fail later.</summary>
internal sealed class Bitrix24ClientOptionsValidator : IValidateOptions<Bitrix24ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, Bitrix24ClientOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.ClientId)) errors.Add("Bitrix24:ClientId is required.");
        if (string.IsNullOrWhiteSpace(o.ClientSecret)) errors.Add("Bitrix24:ClientSecret is required.");
        if (o.OAuthServer is null || !o.OAuthServer.IsAbsoluteUri || (o.OAuthServer.Scheme != Uri.UriSchemeHttps && o.OAuthServer.Scheme != Uri.UriSchemeHttp))
            errors.Add("Bitrix24:OAuthServer must be an absolute http(s) URL.");
        if (o.RequestTimeout <= TimeSpan.Zero) errors.Add("Bitrix24:RequestTimeout must be positive.");
        if (string.IsNullOrWhiteSpace(o.UserAgent)) errors.Add("Bitrix24:UserAgent is required.");
        var l = o.Limits;
        if (l is null) errors.Add("Bitrix24:Limits is required.");
        else
        {
            if (!(l.RequestsPerSecond > 0)) errors.Add("Bitrix24:Limits:RequestsPerSecond must be > 0.");
            if (l.Burst < 1) errors.Add("Bitrix24:Limits:Burst must be >= 1.");
            if (!(l.OperatingBudgetSeconds > 0)) errors.Add("Bitrix24:Limits:OperatingBudgetSeconds must be > 0.");
            if (!(l.OperatingThrottleFraction > 0 && l.OperatingThrottleFraction <= 1))
                errors.Add("Bitrix24:Limits:OperatingThrottleFraction must be in (0, 1].");
        }
        var r = o.Retry;
        if (r is null) errors.Add("Bitrix24:Retry is required.");
        else
        {
            if (r.TransientRetries < 0) errors.Add("Bitrix24:Retry:TransientRetries must be >= 0.");
            if (r.LimitRetries < 0) errors.Add("Bitrix24:Retry:LimitRetries must be >= 0.");
            if (r.TransientBaseDelay < TimeSpan.Zero) errors.Add("Bitrix24:Retry:TransientBaseDelay must be >= 0.");
            if (r.OperatingFallbackWait <= TimeSpan.Zero) errors.Add("Bitrix24:Retry:OperatingFallbackWait must be positive.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
