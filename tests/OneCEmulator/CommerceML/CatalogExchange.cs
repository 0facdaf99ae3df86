using System.IO.Compression;
using System.Security.Cryptography;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>What a scripted exchange did: each XML's import outcome, the upload replies and the requests sent.</summary>
public sealed record ExchangeRunResult(IReadOnlyList<ImportRun> Imports, InitReply Init, bool Zipped, int Requests)
{
    public bool Succeeded => Imports.All(i => i.Succeeded);

    public IEnumerable<string> Failures => Imports.Where(i => !i.Succeeded).Select(i => $"{i.FileName}: {i.Final.Reason}");
}

/// <summary>
/// Full sequences as 1C runs them. Catalogue: checkauth → init → file (each XML, or one zip of the whole export
/// directory with a random temporary name when the site says <c>zip=yes</c>) in chunks of <c>file_limit</c> →
/// import for each original XML name, repeated while <c>progress</c>. Sale: checkauth → init → query → success →
/// file + import of the order status file.
/// </summary>
public static class CatalogExchange
{
    public static async Task<ExchangeRunResult> RunCatalogAsync(ExchangeClient client, IReadOnlyList<ExchangeFile> files, bool useZipWhenOffered = true,
        CancellationToken ct = default)
    {
        await client.CheckAuthAsync("catalog", ct);
        var init = await client.InitAsync("catalog", ct);
        var zipped = init.Zip && useZipWhenOffered;
        if (zipped)
        {
            var archive = Zip(files);
            await using var stream = new MemoryStream(archive, writable: false);
            await client.UploadAsync("catalog", $"v8_{RandomNumberGenerator.GetHexString(4)}_{RandomNumberGenerator.GetHexString(6).ToLowerInvariant()}.zip", stream, init.FileLimit, ct);
        }
        else
        {
            foreach (var file in files)
            {
                await using var stream = file.Open();
                await client.UploadAsync("catalog", file.Name, stream, init.FileLimit, ct);
            }
        }
        var imports = new List<ImportRun>();
        foreach (var file in files.Where(f => f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            var run = await client.ImportAsync("catalog", file.Name, ct: ct);
            imports.Add(run);
            if (!run.Succeeded)
            {
                break; // УТ stops the exchange at the first failed file
            }
        }
        return new ExchangeRunResult(imports, init, zipped, client.Requests);
    }

    /// <summary>A sale exchange: the orders the site offers (acknowledged with success), then 1C's status file.</summary>
    public static async Task<(byte[] Orders, ExchangeRunResult Upload)> RunSaleAsync(ExchangeClient client, ExchangeFile statuses, CancellationToken ct = default)
    {
        await client.CheckAuthAsync("sale", ct);
        var init = await client.InitAsync("sale", ct);
        var orders = await client.QueryAsync(ct);
        var ack = await client.SuccessAsync("sale", ct);
        if (!ack.IsSuccess)
        {
            throw new ExchangeException("success", ack, ack.Reason);
        }
        await using (var stream = statuses.Open())
        {
            await client.UploadAsync("sale", statuses.Name, stream, init.FileLimit, ct);
        }
        var run = await client.ImportAsync("sale", statuses.Name, ct: ct);
        return (orders, new ExchangeRunResult([run], init, false, client.Requests));
    }

    /// <summary>The whole export directory in one archive, relative paths kept (УТ 11.5 with zip=yes).</summary>
    public static byte[] Zip(IEnumerable<ExchangeFile> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.Name, CompressionLevel.Fastest);
                using var target = entry.Open();
                using var source = file.Open();
                source.CopyTo(target);
            }
        }
        return buffer.ToArray();
    }
}
