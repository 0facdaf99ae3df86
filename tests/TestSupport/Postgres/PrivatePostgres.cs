using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WineB24.TestSupport.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster on 127.0.0.1 (initdb into a temp folder, trust auth, an ephemeral port), started
/// from the machine's PostgreSQL binaries (test.sh installs them when missing). initdb refuses to run as root, so as
/// root the cluster runs as the <c>postgres</c> user; otherwise as the current user. Stopped and deleted on dispose.
/// Compiled into each test project that needs it (linked, one copy in tests/TestSupport).
/// </summary>
public sealed class PrivatePostgres : IAsyncLifetime
{
    private string _dir = "";
    private string _bin = "";
    public int Port { get; private set; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH; ./test.sh installs them (apt-get install postgresql).");
        _dir = Directory.CreateTempSubdirectory("wineb24-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", _dir]);
        }
        Port = FreePort();
        await AsPostgres($"{_bin}/initdb -D {_dir}/data -A trust -U postgres --no-sync > {_dir}/initdb.log 2>&1");
        await AsPostgres($"{_bin}/pg_ctl -D {_dir}/data -o '-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off' -l {_dir}/pg.log -w start");
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        await AsPostgres($"{_bin}/pg_ctl -D {_dir}/data -m immediate stop");
        Directory.Delete(_dir, recursive: true);
    }

    private Task AsPostgres(string command) => Environment.UserName == "root"
        ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command])
        : RunAsync("/bin/sh", ["-c", command]);

    /// <summary>Debian/Ubuntu keep the server binaries off PATH (newest major first); elsewhere they are usually on PATH.</summary>
    private static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d.Length).ThenByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return debian.Concat(path).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
