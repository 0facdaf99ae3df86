using System.Collections.Concurrent;
using System.Diagnostics;
using WineB24.PortalEmulator.Cloud;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>
/// The built Bitrix24App.dll run as a REAL child process (<c>dotnet Bitrix24App.dll</c>), configured only through
/// environment variables: the emulator's OAuth server, a SQLite file and key folder under <see cref="Root"/>, a fixed
/// port and <c>App:PublicUrl</c>. Restarting with the same <see cref="Root"/> and port is "the same installation".
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ChildApp(Process process, ConcurrentQueue<string> output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public Uri InstallerUrl => new(BaseUrl, "install");
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>What the child wrote to stdout/stderr, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<ChildApp> StartAsync(Bitrix24Cloud cloud, string root, int port, string instanceName)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll());
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = baseUrl.ToString();
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["App__PublicUrl"] = baseUrl.ToString();
        env["ConnectionStrings__Default"] = $"Data Source={Path.Combine(root, "app.db")}";
        env["DataProtection__KeysPath"] = Path.Combine(root, "keys");
        env["Jobs__InstanceName"] = instanceName;
        env["Bitrix24__OAuthServer"] = cloud.OAuthServer.ToString();
        env["Bitrix24__ClientId"] = cloud.ClientId;
        env["Bitrix24__ClientSecret"] = cloud.ClientSecret;

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildApp(process, output, baseUrl);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                return true;
            }
            try
            {
                return (await http.GetAsync(new Uri(baseUrl, "healthz"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, seconds: 120);
        if (!ready || process.HasExited)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException("The child app did not become healthy:\n" + child.Output);
        }
        return child;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, jobs cut mid-run.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host's graceful stop (Quartz waits for running jobs).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The app built next to this test assembly's configuration: Bitrix24App/bin/{Configuration}/{tfm}/Bitrix24App.dll.</summary>
    private static string AppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var repo = testBin;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "WineB24.sln")))
        {
            repo = repo.Parent;
        }
        if (repo is null)
        {
            throw new InvalidOperationException("WineB24.sln not found above " + AppContext.BaseDirectory);
        }
        var dll = Path.Combine(repo.FullName, "Bitrix24App", "bin", configuration, tfm, "Bitrix24App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Bitrix24App first (the test project references it)", dll);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
