namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>
/// Turns the <c>filename</c> 1C sends (or a zip entry name) into a safe relative path: sub-directories are kept
/// (<c>import_files/75/x.jpg</c>, <c>000000001/goods/1/import___….xml</c>), Windows paths are normalised
/// (<c>C:\v8_8789_c.xml</c> → <c>v8_8789_c.xml</c>), and <c>..</c>, control characters and script extensions are rejected.
/// </summary>
public static class ExchangeFileName
{
    private static readonly HashSet<string> ScriptExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".php", ".php3", ".php4", ".php5", ".php7", ".php8", ".phtml", ".phar", ".pht", ".asp", ".aspx", ".ashx", ".asmx",
        ".cshtml", ".vbhtml", ".jsp", ".jspx", ".cgi", ".pl", ".py", ".rb", ".sh", ".bash", ".exe", ".dll", ".so", ".bat",
        ".cmd", ".com", ".ps1", ".vbs", ".js", ".mjs", ".htaccess", ".htm", ".html", ".shtml", ".svg", ".config",
    };

    private static readonly string[] DroppedPrefixes = ["upload/1c/webdata/", "upload/1c_catalog/", "upload/1c_exchange/"];

    public const int MaxLength = 1024;

    /// <summary>The normalised relative path with <c>/</c> separators, or null with a Russian reason.</summary>
    public static string? Normalize(string? raw, out string? reason)
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            reason = "Не указано имя файла (filename).";
            return null;
        }
        if (raw.Length > MaxLength || raw.Any(c => char.IsControl(c) || c is '*' or '?' or '"' or '<' or '>' or '|'))
        {
            reason = "Недопустимое имя файла.";
            return null;
        }
        var path = raw.Trim().Replace('\\', '/');
        var absolute = path.StartsWith('/') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');
        foreach (var prefix in DroppedPrefixes)
        {
            var at = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                path = path[(at + prefix.Length)..];
                absolute = false;
            }
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s.Trim() == ".."))
        {
            reason = "Имя файла не может содержать «..».";
            return null;
        }
        // An absolute path names a file in 1C's temporary directory: only the file name is meaningful here.
        var kept = (absolute ? segments.TakeLast(1) : segments).Where(s => s != "." && s.Length > 0).ToList();
        if (kept.Count == 0 || kept.Any(s => s.Contains(':') || s.Length > 255 || s.StartsWith('.')))
        {
            reason = "Недопустимое имя файла.";
            return null;
        }
        if (kept.Any(s => IsScript(s)))
        {
            reason = "Файлы с таким расширением не принимаются.";
            return null;
        }
        return string.Join('/', kept);
    }

    private static bool IsScript(string segment)
    {
        // "x.php.jpg" is also refused: some web servers execute by any extension in the name.
        var parts = segment.Split('.');
        return parts.Skip(1).Any(p => ScriptExtensions.Contains("." + p.Trim()));
    }
}
