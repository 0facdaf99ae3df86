using System.IO.Compression;
using Microsoft.Extensions.Options;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>
/// Unpacks the archives 1C uploaded with <c>zip=yes</c> into the session directory, keeping relative paths. Sizes in
/// the archive header are not trusted: bytes are counted while inflating, so a zip bomb stops at the limit.
/// </summary>
public sealed class ArchiveUnpacker(IOptions<OneCExchangeOptions> options)
{
    /// <summary>Archives in the session directory that are still packed.</summary>
    public static IReadOnlyList<string> PendingArchives(string sessionDirectory) =>
        Directory.Exists(sessionDirectory)
            ? Directory.EnumerateFiles(sessionDirectory, "*", SearchOption.AllDirectories).Where(IsArchive).Order(StringComparer.Ordinal).ToList()
            : [];

    // Any ".zip" upload is treated as an archive: one that is not a valid zip fails loudly instead of being ignored.
    private static bool IsArchive(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Unpacks one archive and deletes it; on any failure removes what it extracted and throws with a Russian reason.</summary>
    public void Unpack(string archivePath, string sessionDirectory)
    {
        var o = options.Value;
        var extracted = new List<string>();
        try
        {
            using var archive = OpenArchive(archivePath);
            if (archive.Entries.Count > o.MaxZipEntries)
            {
                throw new ExchangeRejectedException($"Архив содержит слишком много файлов ({archive.Entries.Count}).");
            }
            long total = UnpackedSoFar(sessionDirectory, archivePath);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }
                var name = ExchangeFileName.Normalize(entry.FullName, out var reason)
                    ?? throw new ExchangeRejectedException($"Архив содержит недопустимый файл «{entry.FullName}»: {reason}");
                var target = Path.GetFullPath(Path.Combine(sessionDirectory, name.Replace('/', Path.DirectorySeparatorChar)));
                if (!target.StartsWith(sessionDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ExchangeRejectedException($"Архив содержит недопустимый путь «{entry.FullName}».");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                extracted.Add(target);
                total += CopyEntry(entry, target, o, o.MaxUnpackedBytes - total);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
        {
            Cleanup(extracted);
            throw new ExchangeRejectedException("Архив повреждён или передан не полностью.", ex);
        }
        catch
        {
            Cleanup(extracted);
            throw;
        }
        File.Delete(archivePath);
    }

    private static ZipArchive OpenArchive(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static long CopyEntry(ZipArchiveEntry entry, string target, OneCExchangeOptions o, long remaining)
    {
        using var input = entry.Open();
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        var buffer = new byte[64 * 1024];
        long written = 0;
        int read;
        var ratioAllowance = Math.Max(entry.CompressedLength, 1) * (long)o.MaxCompressionRatio;
        while ((read = input.Read(buffer)) > 0)
        {
            written += read;
            if (written > remaining)
            {
                throw new ExchangeRejectedException($"Распакованный архив больше допустимого размера ({o.MaxUnpackedBytes} байт).");
            }
            if (written > ratioAllowance && written > 1024 * 1024)
            {
                throw new ExchangeRejectedException($"Файл «{entry.FullName}» в архиве сжат подозрительно сильно (похоже на zip-бомбу).");
            }
            output.Write(buffer, 0, read);
        }
        return written;
    }

    private static long UnpackedSoFar(string sessionDirectory, string except) =>
        Directory.EnumerateFiles(sessionDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !string.Equals(f, except, StringComparison.Ordinal) && !f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Sum(f => new FileInfo(f).Length);

    private static void Cleanup(List<string> files)
    {
        foreach (var f in files)
        {
            try
            {
                File.Delete(f);
            }
            catch (IOException)
            {
                // Best effort: the next init empties the directory anyway.
            }
        }
    }
}
