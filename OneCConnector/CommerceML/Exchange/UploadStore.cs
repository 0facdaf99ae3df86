using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>Raised when an upload breaks a limit or a rule; the message is the Russian reason sent to 1C.</summary>
public sealed class ExchangeRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Files 1C uploads, under <c>{ExchangeRoot}/{member_id}/{session}</c>; chunks with the same name are appended.</summary>
public sealed class UploadStore(IOptions<OneCExchangeOptions> options, IHostEnvironment? environment = null)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, options.Value.ExchangeRoot));

    public string PortalDirectory(string memberId) => Path.Combine(Root, SafeSegment(memberId));

    public string SessionDirectory(string memberId, string sessionId) => Path.Combine(PortalDirectory(memberId), SafeSegment(sessionId));

    /// <summary>Empties the session directory: <c>init</c> starts a new upload.</summary>
    public void Reset(string memberId, string sessionId)
    {
        var dir = SessionDirectory(memberId, sessionId);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
    }

    public void DeleteSession(string memberId, string sessionId)
    {
        var dir = SessionDirectory(memberId, sessionId);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public void DeletePortal(string memberId)
    {
        var dir = PortalDirectory(memberId);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Maps a normalised relative name to a full path that is guaranteed to stay inside the session directory.</summary>
    public string Resolve(string memberId, string sessionId, string relativeName)
    {
        var dir = SessionDirectory(memberId, sessionId);
        var full = Path.GetFullPath(Path.Combine(dir, relativeName.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ExchangeRejectedException("Недопустимое имя файла.");
        }
        return full;
    }

    /// <summary>Appends one POST body; returns the file's new length.</summary>
    public async Task<long> AppendAsync(string memberId, string sessionId, string relativeName, Stream body, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var full = Resolve(memberId, sessionId, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        var startLength = file.Length;
        var buffer = new byte[64 * 1024];
        long chunk = 0;
        int read;
        try
        {
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                chunk += read;
                if (chunk > o.FileLimitBytes)
                {
                    throw new ExchangeRejectedException($"Часть файла больше объявленного file_limit ({o.FileLimitBytes} байт).");
                }
                if (startLength + chunk > o.MaxFileBytes)
                {
                    throw new ExchangeRejectedException($"Файл «{relativeName}» больше допустимого размера ({o.MaxFileBytes} байт).");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or Microsoft.AspNetCore.Http.BadHttpRequestException or IOException)
        {
            // Never keep a half-written chunk: the file is unusable, and the next chunk would corrupt it further.
            file.SetLength(startLength);
            if (ex is ExchangeRejectedException)
            {
                throw;
            }
            throw new ExchangeRejectedException($"Файл «{relativeName}» передан не полностью или превышает допустимый размер.", ex);
        }
        return startLength + chunk;
    }

    /// <summary>
    /// Finds an uploaded (or unpacked) file by the name 1C passes to <c>import</c>: the exact relative path first,
    /// then the same file name anywhere in the session (archives keep the export directory's structure).
    /// </summary>
    public string? Find(string memberId, string sessionId, string relativeName)
    {
        var exact = Resolve(memberId, sessionId, relativeName);
        if (File.Exists(exact))
        {
            return exact;
        }
        var dir = SessionDirectory(memberId, sessionId);
        if (!Directory.Exists(dir))
        {
            return null;
        }
        var name = Path.GetFileName(exact);
        return Directory.EnumerateFiles(dir, name, SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static string SafeSegment(string value)
    {
        var safe = new string(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        if (safe.Length == 0 || safe.Length > 128)
        {
            throw new ExchangeRejectedException("Недопустимый идентификатор портала или сессии.");
        }
        return safe;
    }
}
