using System.Diagnostics;
using Serilog;
using Serilog.Extensions.Logging;

namespace WineB24.Bitrix24App.Logging;

/// <summary>
/// Serilog from the <c>Serilog</c> configuration section (console + rolling file by default) behind
/// Microsoft.Extensions.Logging; scopes such as MemberId and JobId become event properties.
/// One logger per app instance (no static Log.Logger), so tests can host several apps in one process.
/// </summary>
public static class LoggingSetup
{
    public static void AddAppLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration().Enrich.FromLogContext();
        if (builder.Configuration.GetSection("Serilog").Exists())
        {
            configuration.ReadFrom.Configuration(builder.Configuration);
        }
        else
        {
            configuration.MinimumLevel.Information().WriteTo.Console();
        }
        var logger = configuration.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(logger, dispose: true));
    }

    /// <summary>One line per request: method, path (never the query or body, which may carry tokens), status, time.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("WineB24.Bitrix24App.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            using (logger.BeginScope(new Dictionary<string, object> { ["TraceId"] = context.TraceIdentifier }))
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    logger.LogInformation("HTTP {Method} {Path} responded {Status} in {Elapsed:0.0} ms",
                        context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }
}
