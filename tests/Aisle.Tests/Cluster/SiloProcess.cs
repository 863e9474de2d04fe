using System.Diagnostics;
using System.Net;
using Aisle.Tests.Api;
using Aisle.Tests.Catalog;

namespace Aisle.Tests.Cluster;

/// <summary>
/// A real silo as a child process (<c>dotnet Aisle.Silo.dll</c>, configured by environment variables as in
/// production), so a test can <c>kill -9</c> it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string name, int siloPort, int gatewayPort, int httpPort, string log)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        Log = log;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    /// <summary>Where the silo's output goes, for a failing test's reader.</summary>
    public string Log { get; }

    public bool Running => !_process.HasExited;

    /// <summary>The silo built next to these tests (the test project builds src/Silo in the same configuration).</summary>
    public static string Dll
    {
        get
        {
            // tests/Aisle.Tests/bin/<Configuration>/net10.0/linux-x64/ → src/Silo/bin/<Configuration>/net10.0/linux-x64/
            var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = own.Parent!.Parent!.Name;
            var dll = Path.Combine(RepoFiles.Root, "src", "Silo", "bin", configuration, own.Parent.Name, own.Name, "Aisle.Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Silo first.", dll);
        }
    }

    /// <summary>Starts a silo of the cluster on fresh loopback ports; returns once its catalog is loaded.</summary>
    public static async Task<SiloProcess> StartAsync(string name, string connectionString, string clusterId, int? siloPort = null, int? gatewayPort = null)
    {
        int silo = siloPort ?? FreePort(), gateway = gatewayPort ?? FreePort(), http = FreePort();
        var process = Run(name, connectionString, clusterId, silo, gateway, http, [], out var log);
        var started = new SiloProcess(process, name, silo, gateway, http, log);
        try
        {
            await started.WaitUntilReadyAsync();
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>Runs the silo's <c>schema apply</c> command; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> ApplySchemaAsync(string connectionString)
    {
        using var process = Run("schema", connectionString, "schema", 0, 0, 0, ["schema", "apply"], out var log);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(100);
        return (process.ExitCode, await File.ReadAllTextAsync(log));
    }

    /// <summary>The same silo again (same ports and name), e.g. after a restart of the cluster.</summary>
    public Task<SiloProcess> RestartAsync(string connectionString, string clusterId) =>
        StartAsync(Name, connectionString, clusterId, SiloPort, GatewayPort);

    /// <summary><c>kill -9</c>: no shutdown, no flush, connections dropped.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>A graceful stop (SIGTERM), as an orchestrator does: grains deactivate and flush their state.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private static Process Run(string name, string connectionString, string clusterId, int siloPort, int gatewayPort, int httpPort, string[] args, out string log)
    {
        var dll = Dll;
        log = Path.Combine(Path.GetTempPath(), $"aisle-silo-{clusterId}-{name}-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var env = start.Environment;
        env["ConnectionStrings__Aisle"] = connectionString;
        env["Aisle__Cluster__ClusterId"] = clusterId;
        env["Aisle__SiloPort"] = siloPort.ToString();
        env["Aisle__GatewayPort"] = gatewayPort.ToString();
        env["Aisle__AdvertisedAddress"] = "127.0.0.1";
        env["Aisle__EmbeddingCacheDirectory"] = AisleApp.EmbeddingCache;
        env["Aisle__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"aisle-silo-{clusterId}-{name}");
        env["Aisle__ShowProgress"] = "false";
        // Checkpoints and recovery looks more often than the defaults, so the crash tests see outbox records deleted
        // and a dead silo's records replayed within their time.
        env["Aisle__ActivityOutbox__CheckpointInterval"] = "00:00:05";
        env["Aisle__ActivityOutbox__RecoveryInterval"] = "00:00:02";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";

        var process = new Process { StartInfo = start };
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        // A first start on a clean machine embeds the catalog into the shared cache (minutes); later starts read it.
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode}: {await File.ReadAllTextAsync(Log)}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {Name} was not ready within 8 minutes; log: {Log}");
    }

    /// <summary>Listening ports stay below the kernel's ephemeral range (32768–60999), where a load generator's
    /// TIME_WAIT sockets could hold them when a silo restarts on the same ports.</summary>
    private static int FreePort() => TestPostgres.FreePortBelowEphemeral();
}
