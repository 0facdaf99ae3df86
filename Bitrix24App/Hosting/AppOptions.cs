using System.ComponentModel.DataAnnotations;

namespace WineB24.Bitrix24App.Hosting;

/// <summary>Bound from the <c>App</c> section.</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string Section = "App";

    /// <summary>The public base URL Bitrix24 reaches this app at; every registered handler URL is built from it.</summary>
    [Required]
    public string PublicUrl { get; set; } = "";

    /// <summary>The largest form body accepted from Bitrix24 (install, events); larger posts get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxInboundFormBytes { get; set; } = 256 * 1024;

    /// <summary>A method, not a property: the options validator reads every property, also of invalid values.</summary>
    public Uri PublicBase() => new(PublicUrl.EndsWith('/') ? PublicUrl : PublicUrl + "/");

    /// <summary>Absolute handler URL for a path declared by a manifest contributor (e.g. <c>/robots/x</c>).</summary>
    public string HandlerUrl(string handlerPath) => new Uri(PublicBase(), handlerPath.TrimStart('/')).ToString();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("App:PublicUrl must be an absolute http(s) URL, e.g. https://wineb24.example.com/", [nameof(PublicUrl)]);
        }
    }
}
