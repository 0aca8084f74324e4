using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using Grpc.Core;
using Grpc.Net.Client;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>How to start a real site host process (<see cref="AgentProcess"/>, <see cref="ControllerProcess"/>).</summary>
public sealed record HostStart
{
    /// <summary>A file of deploy/examples (copied to the test output as examples/) or a path; null: start without --bootstrap.</summary>
    public string? Bootstrap { get; init; } = "bootstrap-aio-dx-ipv6.yaml";

    /// <summary>The data directory; null: a new temporary one, removed when the process is disposed.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Listen on https://[::1]:PORT.</summary>
    public bool ListenIPv6 { get; init; } = true;

    /// <summary>Listen on https://127.0.0.1:PORT (the same port as IPv6).</summary>
    public bool ListenIPv4 { get; init; }

    /// <summary>Development mode (--dev, S-4): plaintext http:// listeners on loopback, no credentials needed. Only for tests about it.</summary>
    public bool Development { get; init; }

    /// <summary>The gRPC port to listen on; 0: a free one chosen at start.</summary>
    public int Port { get; init; }

    /// <summary>Serve /healthz, /readyz and /metrics on http://127.0.0.1:HTTPPORT.</summary>
    public bool HealthEndpoint { get; init; }

    /// <summary>--action-delay for the simulated driver, e.g. "5s"; null: the agent's default (0).</summary>
    public string? ActionDelay { get; init; }

    /// <summary>More arguments, as given.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>Environment variables for the process (e.g. Agent__HostDriver, Audit__AvailabilityInterval).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>An agent started to be enrolled (S-2) with the join token and CA fingerprint its subcloud's add answered.</summary>
    public HostStart Enrolling(string joinToken, string caFingerprint) =>
        this with { ExtraArgs = [.. ExtraArgs, "--join-token", joinToken, "--ca-fingerprint", caFingerprint] };
}

/// <summary>The result of a host process that was expected to exit by itself (refused start, --migrate, --help).</summary>
public sealed record HostExit(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>
/// A real site host process (<c>dotnet X.dll</c> from the test output: the agent or the controller) on free loopback
/// ports: started, waited for until it answers its GetSite, its output captured, then stopped with SIGTERM or killed
/// with SIGKILL. Dispose kills the process if it still runs and removes a temporary data directory. Subclasses give
/// the assembly, the configuration sections to keep out of the inherited environment, and the readiness call.
/// </summary>
public abstract class SiteHostProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Configs = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, GrpcChannel> _channels = [];
    private readonly bool _ownsDataDirectory;
    private Process? _process;

    private readonly string _assembly;
    private readonly string[] _sections;

    protected SiteHostProcess(string assembly, IReadOnlyList<string> sections, HostStart start, string? dataDirectory)
    {
        _assembly = assembly;
        _sections = [.. sections];
        Start = start;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        _ownsDataDirectory = dataDirectory is null;
    }

    public HostStart Start { get; private set; }

    public string DataDirectory { get; }

    /// <summary>The gRPC port (the same on every listen address).</summary>
    public int Port { get; private set; }

    /// <summary>The health endpoint's port, when <see cref="HostStart.HealthEndpoint"/>.</summary>
    public int? HttpPort { get; private set; }

    /// <summary>The gRPC URL: IPv6 when it listens there, else IPv4.</summary>
    public string Url => Start.ListenIPv6 ? UrlFor(IpFamily.IPv6) : UrlFor(IpFamily.IPv4);

    public string? HealthUrl => HttpPort is { } port ? $"http://127.0.0.1:{port}" : null;

    public int ProcessId => _process?.Id ?? 0;

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    public string UrlFor(IpFamily family)
    {
        var scheme = Start.Development ? "http" : "https";
        return family == IpFamily.IPv6 ? $"{scheme}://[::1]:{Port}" : $"{scheme}://127.0.0.1:{Port}";
    }

    /// <summary>
    /// The credentials of the test's own calls to an enrolled agent (S-5a): its controller's CA and an access certificate
    /// issued with that CA's key, which the test may read as the controller's user. Null: the process's own config.
    /// </summary>
    public (DistributedCloud.Security.Clients.DcctlConfig Config, System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate)? Access { get; private set; }

    /// <summary>From now on the test calls this (enrolled) agent with an admin access certificate for <paramref name="subcloud"/> from <paramref name="controller"/>'s CA.</summary>
    public void UseAccessOf(SiteHostProcess controller, string subcloud)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var pki = Path.Combine(controller.DataDirectory, "pki");
        using var ca = DistributedCloud.Security.Pki.CertificateAuthority.FromPem(File.ReadAllText(Path.Combine(pki, "ca.crt")), File.ReadAllText(Path.Combine(pki, "ca.key")), TimeProvider.System);
        using var issued = ca.IssueWithNewKey(DistributedCloud.Security.Pki.PeerIdentity.Access(subcloud, "e2e", DistributedCloud.Security.Access.AdminRole.Admin), [], [],
            TimeSpan.FromHours(2), DistributedCloud.Security.Pki.CertificateUse.Client);
        // A PKCS#12 round trip gives the key a form the TLS stack can use for client authentication.
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            issued.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
        Access = (new DistributedCloud.Security.Clients.DcctlConfig { CaCertificate = ca.Certificate.ExportCertificatePem() }, certificate);
        DisposeChannels();
    }

    /// <summary>The dcctl configuration the process wrote for its bootstrap administrator (S-5a, S-6): server, CA, token.</summary>
    public string ConfigPath => Path.Combine(DataDirectory, "access", "dcctl.yaml");

    /// <summary>The dcctl configuration of the process at <paramref name="url"/>, when a running test process listens there.</summary>
    public static string? ConfigFor(string url) => Configs.TryGetValue(url.TrimEnd('/'), out var path) && File.Exists(path) ? path : null;

    /// <summary>Runs the host's assembly with <paramref name="args"/> to its exit (a refused start, --migrate, --help).</summary>
    protected static async Task<HostExit> RunToExitAsync(string assembly, IReadOnlyList<string> sections, TimeSpan timeout, string[] args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = StartInfo(assembly, sections, args, environment ?? new Dictionary<string, string>());
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(info, timeout, $"{Path.GetFileNameWithoutExtension(assembly)} {string.Join(' ', args)}");
        return new HostExit(exitCode, stdout, stderr);
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "dc-host-e2e", Guid.NewGuid().ToString("N"));

    /// <summary>A channel to the process over <paramref name="family"/> (IPv6 when listening there), kept for the process.</summary>
    public GrpcChannel Channel(IpFamily? family = null)
    {
        var url = family is { } f ? UrlFor(f) : Url;
        lock (_channels)
        {
            if (!_channels.TryGetValue(url, out var channel))
            {
                channel = Access is { } access
                    ? TestChannels.Create(url, access.Config, clientCertificate: access.Certificate)
                    : TestChannels.Create(url, Start.Development || !File.Exists(ConfigPath) ? null : DistributedCloud.Security.Clients.DcctlConfig.Parse(File.ReadAllText(ConfigPath)));
                _channels[url] = channel;
            }

            return channel;
        }
    }

    /// <summary>SIGTERM, then waits for the exit (SIGKILL after <paramref name="timeout"/>); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        var process = _process ?? throw new InvalidOperationException("the process is not running");
        if (!process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
            {
                await kill!.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"the process did not stop within {timeout} of SIGTERM; killed\n{Output}");
            }
        }

        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>kill -9: the process ends at once, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the process again on the same data directory and ports (changes to the start, e.g. no bootstrap, applied).</summary>
    public async Task RestartAsync(Func<HostStart, HostStart>? change = null, CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            await StopAsync();
        }

        DisposeChannels();
        Start = change?.Invoke(Start) ?? Start;
        await LaunchAsync(cancellationToken, keepPorts: true);
    }

    public async ValueTask DisposeAsync()
    {
        DisposeChannels();
        await KillAsync();
        _process?.Dispose();
        _process = null;
        if (_ownsDataDirectory && Directory.Exists(DataDirectory))
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

    private void DisposeChannels()
    {
        lock (_channels)
        {
            foreach (var channel in _channels.Values)
            {
                channel.Dispose();
            }

            _channels.Clear();
        }
    }

    /// <summary>The options of a test's platform call: the operator's fencing identity (what dcctl sends), a 20 s deadline.</summary>
    public static CallOptions PlatformCall(FencingToken? fencing = null, string? subcloud = null)
    {
        var headers = new Metadata();
        (fencing ?? FencingToken.Operator).WriteTo(headers);
        if (subcloud is not null)
        {
            headers.Add(Contracts.Routing.SubcloudMetadata.Key, subcloud);
        }

        return new CallOptions(headers, DateTime.UtcNow.AddSeconds(20));
    }

    protected async Task LaunchAsync(CancellationToken cancellationToken, bool keepPorts = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!keepPorts || Port == 0)
            {
                Port = attempt == 1 && Start.Port != 0 ? Start.Port : FreePort();
                HttpPort = Start.HealthEndpoint ? FreePort() : null;
            }
            else if (Start.HealthEndpoint && HttpPort is null)
            {
                HttpPort = FreePort();
            }

            _process?.Dispose();
            lock (_outputGate)
            {
                _output.AppendLine($"--- start {attempt}: {string.Join(' ', Arguments())}");
            }

            var process = Process.Start(StartInfo(_assembly, _sections, Arguments(), Start.Environment)) ?? throw new InvalidOperationException($"{_assembly} did not start");
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();

            if (await WaitUntilAnsweringAsync(process, cancellationToken))
            {
                foreach (var family in new[] { IpFamily.IPv6, IpFamily.IPv4 })
                {
                    Configs[UrlFor(family)] = ConfigPath;
                }

                return;
            }

            var output = Output;
            if (attempt < 3 && output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                keepPorts = false;
                continue;
            }

            throw new InvalidOperationException($"{_assembly} did not answer GetSite (exit code {(process.HasExited ? process.ExitCode : "none: still running")})\n{output}");
        }
    }

    private async Task<bool> WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                return false;
            }

            try
            {
                // The standard health service answers without credentials and says SERVING once the site (and the
                // controller's store) are open; any certificate is accepted, as this only asks whether the process serves.
                using var probe = TestChannels.Create(Url, config: null, acceptAnyCertificate: true);
                var health = await new Grpc.Health.V1.Health.HealthClient(probe).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(),
                    deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                if (health.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return true;
                }

                await Task.Delay(150, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(150, cancellationToken);
            }
        }

        await KillAsync();
        return false;
    }

    private List<string> Arguments()
    {
        var args = new List<string> { "--data-dir", DataDirectory };
        if (Start.Bootstrap is { } bootstrap)
        {
            args.AddRange(["--bootstrap", File.Exists(bootstrap) ? bootstrap : BootstrapExamples.PathOf(bootstrap)]);
        }

        if (Start.Development)
        {
            args.Add("--dev");
        }

        if (Start.ListenIPv6)
        {
            args.AddRange(["--listen", UrlFor(IpFamily.IPv6)]);
        }

        if (Start.ListenIPv4)
        {
            args.AddRange(["--listen", UrlFor(IpFamily.IPv4)]);
        }

        if (HttpPort is { } http)
        {
            args.AddRange(["--http-listen", $"http://127.0.0.1:{http}"]);
        }

        if (Start.ActionDelay is { } delay)
        {
            args.AddRange(["--action-delay", delay]);
        }

        args.AddRange(Start.ExtraArgs);
        return args;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }

    private static ProcessStartInfo StartInfo(string assembly, IReadOnlyList<string> sections, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
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

        // The host's settings come only from what the test gives, never from the environment the tests run in (an
        // OTLP endpoint there would make every host export to it).
        foreach (var key in info.Environment.Keys.Where(k => sections.Append("Rpc").Append("Telemetry").Any(s => k.StartsWith(s + "__", StringComparison.OrdinalIgnoreCase))
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

    /// <summary>A port free on both loopback addresses at the time of asking (a start that loses a race is retried; a test
    /// that must name the port before the start, as a subcloud's add does, takes one here).</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var v6 = new Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            v6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            var port = ((IPEndPoint)v6.LocalEndPoint!).Port;
            try
            {
                using var v4 = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                v4.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken on IPv4: try another.
            }
        }

        throw new InvalidOperationException("no loopback port is free on both IPv4 and IPv6");
    }
}
