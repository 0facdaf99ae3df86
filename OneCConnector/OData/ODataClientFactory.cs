using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WineB24.OneCConnector.OData;

/// <summary>Hands out <see cref="ODataClient"/>s over the named HttpClient <see cref="HttpClientName"/>.</summary>
public sealed class ODataClientFactory(IHttpClientFactory httpClients, IOptions<ODataOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    public const string HttpClientName = "onec-odata";

    public ODataClient Create(ODataConnection connection) =>
        new(httpClients.CreateClient(HttpClientName), connection, options.Value, time, loggers.CreateLogger<ODataClient>());
}
