using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.EndToEnd.Tests.Enrollment;

/// <summary>
/// A real agent or controller process of the enrollment tests, as production runs them: https:// listeners only, no
/// development mode, so the controller dials its agents over mutual TLS (S-4). Started with the arguments given, its
/// output captured; "started" once it logs that it serves (event 5002). Stop sends SIGTERM; dispose kills it and
/// removes a data directory it made. (The shared harness, Infrastructure/SiteHostProcess, still starts plaintext hosts.)
/// </summary>
internal sealed class SecureHost : IAsyncDisposable
{
    public const string Controller = "DistributedCloud.Controller.dll";
    public const string Agent = "DistributedCloud.Agent.dll";

    private static readonly string[] OwnSections = ["Controller", "Agent", "Audit", "Agents", "Subclouds", "Strategies", "Bus", "Workflows", "Rpc", "Telemetry", "Security"];
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly bool _ownsDirectory;
    private Process? _process;

    private SecureHost(string assembly, string dataDirectory, int port, bool ownsDirectory)
    {
        Assembly = assembly;
        DataDirectory = dataDirectory;
        Port = port;
        _ownsDirectory = ownsDirectory;
    }

    public string Assembly { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string Url => $"https://[::1]:{Port}";

    public string PkiDirectory => Path.Combine(DataDirectory, "pki");

    public bool HasExited => _process is not { HasExited: false };

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A controller on https://[::1]:PORT with a one-second audit, its CA and certificate made at start.</summary>
    public static Task<SecureHost> StartControllerAsync(IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? extraArgs = null)
    {
        var directory = NewDirectory();
        var port = FreePort();
        var env = new Dictionary<string, string>
        {
            ["Audit__AvailabilityInterval"] = "1s",
            ["Audit__SyncInterval"] = "1s",
            ["Audit__CallTimeout"] = "5s",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        string[] args = ["--data-dir", directory, "--bootstrap", BootstrapExamples.PathOf("fleet/controller.yaml"), "--listen", $"https://[::1]:{port}", .. extraArgs ?? []];
        return StartAsync(Controller, directory, port, ownsDirectory: true, args, env);
    }

    /// <summary>An agent on https://[::1]:<paramref name="port"/> for <paramref name="bootstrap"/> (fleet/subcloudN.yaml), with a join token or without.</summary>
    public static Task<SecureHost> StartAgentAsync(int port, string? bootstrap, string? joinToken = null, string? caFingerprint = null,
        string? dataDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = dataDirectory ?? NewDirectory();
        var args = new List<string> { "--data-dir", directory, "--listen", $"https://[::1]:{port}" };
        if (bootstrap is not null)
        {
            args.AddRange(["--bootstrap", BootstrapExamples.PathOf(bootstrap)]);
        }

        if (joinToken is not null)
        {
            args.AddRange(["--join-token", joinToken, "--ca-fingerprint", caFingerprint!]);
        }

        var env = new Dictionary<string, string> { ["Agent__LogCalls"] = "true" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return StartAsync(Agent, directory, port, ownsDirectory: dataDirectory is null, args, env);
    }

    /// <summary>Runs a host to its exit (a refused start).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(string assembly, IReadOnlyList<string> args)
    {
        var info = StartInfo(assembly, args, new Dictionary<string, string>());
        return await ProcessRunner.RunAsync(info, TimeSpan.FromMinutes(1), $"{assembly} {string.Join(' ', args)}");
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "dc-enroll-e2e", Guid.NewGuid().ToString("N"));

    /// <summary>A port free on loopback at the time of asking (the shared harness's).</summary>
    public static int FreePort() => Infrastructure.SiteHostProcess.FreePort();

    /// <summary>The certificate the agent holds now (DIR/pki/agent.crt), or null.</summary>
    public X509Certificate2? AgentCertificate()
    {
        var path = Path.Combine(PkiDirectory, "agent.crt");
        return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
    }

    /// <summary>The controller's CA fingerprint (DIR/pki/ca.crt).</summary>
    public string CaFingerprint()
    {
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(PkiDirectory, "ca.crt")));
        return CertificateFingerprint.Of(ca);
    }

    /// <summary>Waits until the output holds <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || HasExited)
            {
                throw new TimeoutException($"{Assembly} did not write '{text}'{(HasExited ? " (it exited)" : string.Empty)}\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not running");
        if (!process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
            {
                await kill!.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        if (_ownsDirectory && Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless.
            }
        }
    }

    private static async Task<SecureHost> StartAsync(string assembly, string directory, int port, bool ownsDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var host = new SecureHost(assembly, directory, port, ownsDirectory);
        // The command line without the join token's value: a test checks that no process writes the secret.
        host.Append($"--- {assembly} {string.Join(' ', args.Select((a, i) => i > 0 && args[i - 1] == "--join-token" ? "(token)" : a))}");
        var process = Process.Start(StartInfo(assembly, args, environment)) ?? throw new InvalidOperationException($"{assembly} did not start");
        host._process = process;
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await host.WaitForOutputAsync("Serving distributedcloud.", TimeSpan.FromSeconds(90));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private static ProcessStartInfo StartInfo(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => OwnSections.Any(s => k.StartsWith(s + "__", StringComparison.OrdinalIgnoreCase))
            || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
