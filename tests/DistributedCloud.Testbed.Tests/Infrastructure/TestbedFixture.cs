using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DistributedCloud.Testing;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>The result of a command run inside a bed namespace.</summary>
public sealed record CommandResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>
/// The bed for a test run: <c>scripts/testbed up</c> (the agent from this test output) before the first test and
/// <c>scripts/testbed down</c> after the last, or, under <c>scripts/testbed run</c>, the bed it made (<c>DCTB_BED</c>).
/// Everything the tests do on the bed goes through the script (exec, cut, restore, agent-kill, agent-start), so a
/// scenario run here can be repeated by hand with the same commands. Every call is bounded.
/// </summary>
public sealed partial class TestbedFixture : IAsyncLifetime
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly Dictionary<string, BedHost> _hosts = [];
    private readonly Dictionary<string, DateTime> _accessIssued = [];
    private bool _ownsBed;

    public static bool OptedOut => Environment.GetEnvironmentVariable("DCTB_OPT_OUT") == "1";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Script => Path.Combine(RepositoryRoot, "scripts", "testbed");

    public static string ProbePath { get; } = Path.Combine(AppContext.BaseDirectory, "dctb-probe.dll");

    public static string ControllerPath { get; } = Path.Combine(AppContext.BaseDirectory, "DistributedCloud.Controller.dll");

    public static string DcctlPath { get; } = Path.Combine(AppContext.BaseDirectory, "dcctl.dll");

    /// <summary>The bed's directory: logs (HOST/agent.log), data, pids, faults.log, outcomes.log.</summary>
    public string Directory { get; private set; } = string.Empty;

    public BedHost this[string name] => _hosts.TryGetValue(name, out var host) ? host : throw new KeyNotFoundException($"no bed host {name}");

    public async Task InitializeAsync()
    {
        if (OptedOut)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("DCTB_BED") is { Length: > 0 } attached && System.IO.Directory.Exists(attached))
        {
            Directory = attached;
        }
        else
        {
            var up = await RunScriptAsync(UpTimeout, new Dictionary<string, string>
            {
                ["DCTB_AGENT"] = Path.Combine(AppContext.BaseDirectory, "DistributedCloud.Agent.dll"),
                ["DCTB_CONTROLLER"] = Environment.GetEnvironmentVariable("DCTB_CONTROLLER") is { Length: > 0 } given ? given : ControllerPath,
            }, "up");
            if (up.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The multi-host test bed could not be created (scripts/testbed up, exit {up.ExitCode}); these tests need it and fail " +
                    $"without it. Set DCTB_OPT_OUT=1 to skip them explicitly.\n{up.StdErr}");
            }

            Directory = up.StdOut.Trim().Split('\n')[^1].Trim();
            _ownsBed = true;
        }

        foreach (var line in (await File.ReadAllLinesAsync(Path.Combine(Directory, "hosts.tsv"))).Skip(1).Where(l => l.Length > 0))
        {
            var host = BedHost.Parse(line);
            _hosts[host.Name] = host;
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownsBed)
        {
            var down = await RunScriptAsync(UpTimeout, new Dictionary<string, string>(), "down");
            Assert.True(down.ExitCode == 0, $"scripts/testbed down failed:\n{down}");
        }
    }

    /// <summary>Runs a scripts/testbed subcommand.</summary>
    public Task<CommandResult> ScriptAsync(params string[] args) => RunScriptAsync(CommandTimeout, new Dictionary<string, string>(), args);

    /// <summary>Runs a scripts/testbed subcommand with <paramref name="environment"/> (secrets stay out of the command line).</summary>
    public Task<CommandResult> ScriptWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args) => RunScriptAsync(CommandTimeout, environment, args);

    /// <summary>Runs a command inside <paramref name="host"/>'s namespace (scripts/testbed exec).</summary>
    public Task<CommandResult> ExecAsync(string host, params string[] command) => ScriptAsync(["exec", host, .. command]);

    /// <summary>dcctl inside <paramref name="host"/>'s namespace.</summary>
    public Task<CommandResult> DcctlAsync(string host, params string[] args) =>
        ExecAsync(host, ["env", "NO_COLOR=1", "COLUMNS=200", "dotnet", DcctlPath, .. args]);

    /// <summary>
    /// dcctl inside a controller host's namespace, against that host's own system controller on its primary address, with
    /// the configuration the controller wrote at its first start (its CA and bootstrap admin token, S-6).
    /// </summary>
    public Task<CommandResult> ControllerAsync(string controller, params string[] args) =>
        DcctlAsync(controller, ["--controller", ControllerUrl(controller), "--config", ControllerConfig(controller), .. args]);

    /// <summary>The system controller's admin API URL on <paramref name="controller"/>'s primary address (port 50051, https only).</summary>
    public string ControllerUrl(string controller)
    {
        var host = this[controller];
        return host.Primary == "ipv6" ? $"https://[{host.PrimaryAddress}]:50051" : $"https://{host.PrimaryAddress}:50051";
    }

    /// <summary>The dcctl configuration <paramref name="controller"/>'s system controller wrote into its data directory.</summary>
    public string ControllerConfig(string controller) => Path.Combine(Directory, controller, "data", "access", "dcctl.yaml");

    /// <summary>dcctl from <paramref name="from"/>'s namespace straight to <paramref name="subcloud"/>'s agent on <paramref name="url"/> (default: its primary), with <see cref="AgentConfigAsync"/>.</summary>
    public async Task<CommandResult> AgentDcctlAsync(string from, string subcloud, string[] args, string? url = null) =>
        await DcctlAsync(from, ["--config", await AgentConfigAsync(subcloud), "--agent", url ?? this[subcloud].AgentUrl(this[subcloud].Primary), .. args]);

    /// <summary>
    /// The dcctl configuration that reaches <paramref name="subcloud"/>'s agent directly: while it is standalone, the one
    /// it wrote itself (DATA_DIR/access/dcctl.yaml: its certificate and token, S-5a); once a controller added it (the bed
    /// recorded a join token for it), an admin access certificate of that controller (<c>dcctl subcloud access</c>),
    /// asked for again until the agent has enrolled, and kept for the run.
    /// </summary>
    public async Task<string> AgentConfigAsync(string subcloud)
    {
        if (!File.Exists(Path.Combine(Directory, subcloud, "enrollment.env")))
        {
            return Path.Combine(Directory, subcloud, "data", "access", "dcctl.yaml");
        }

        var path = Path.Combine(Directory, "access", $"{subcloud}.yaml");
        if (_accessIssued.TryGetValue(subcloud, out var issued) && issued > DateTime.UtcNow - TimeSpan.FromHours(1) && File.Exists(path))
        {
            return path;
        }

        var controller = ControllerFleet.SubcloudsOf.Single(p => p.Value.Contains(subcloud)).Key;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var access = await ControllerAsync(controller, "subcloud", "access", subcloud, "--role", "admin", "--expires", "2h", "--out", path);
            if (access.ExitCode == 0)
            {
                _accessIssued[subcloud] = DateTime.UtcNow;
                return path;
            }

            // Refused while the agent waits for its controller's next audit to enroll it (S-2).
            Assert.True(access.StdErr.Contains("is not enrolled", StringComparison.Ordinal) && DateTime.UtcNow < deadline,
                $"no access certificate for {subcloud} from {controller}:\n{access}");
            await Task.Delay(1000);
        }
    }

    /// <summary>Whether this bed runs the system controllers (scripts/testbed up without DCTB_CONTROLLER=off).</summary>
    public bool HasControllers => File.Exists(Path.Combine(Directory, "controller.path"));

    /// <summary>The agent's host-action record (event 4020): the operation id of every host action it started.</summary>
    public IReadOnlyList<(string Operation, string Action, string Host)> HostActionsStarted(string host) =>
        [.. ActionStartedLine().Matches(File.ReadAllText(Path.Combine(Directory, host, "agent.log")))
            .Select(m => (m.Groups["operation"].Value, m.Groups["action"].Value, m.Groups["host"].Value))];

    /// <summary>
    /// GetSite calls from <paramref name="host"/>'s namespace with the project's own client (dctb-probe), authenticated
    /// with <see cref="AgentConfigAsync"/> of the subcloud the URL names (by name or address).
    /// </summary>
    public async Task<IReadOnlyList<ProbeResult>> ProbeAsync(string host, string url, string? family = null, double timeoutSeconds = 5,
        int calls = 1, string? resolve = null)
    {
        var subcloud = _hosts.Values.Single(h => h.Name.StartsWith("sc-", StringComparison.Ordinal) && h.Serves(url)).Name;
        var args = new List<string> { "dotnet", ProbePath, "get-site", "--url", url, "--timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "--calls", calls.ToString(CultureInfo.InvariantCulture), "--config", await AgentConfigAsync(subcloud) };
        if (family is not null)
        {
            args.AddRange(["--family", family]);
        }

        if (resolve is not null)
        {
            args.AddRange(["--resolve", resolve]);
        }

        var result = await ExecAsync(host, [.. args]);
        Assert.True(result.ExitCode == 0, $"dctb-probe in {host} failed:\n{result}");
        return [.. result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ProbeResult.Parse)];
    }

    public async Task<ProbeResult> ProbeOnceAsync(string host, string url, string? family = null, double timeoutSeconds = 5) =>
        (await ProbeAsync(host, url, family, timeoutSeconds))[0];

    /// <summary>Polls GetSite from <paramref name="host"/> until it answers (bounded by <paramref name="within"/>).</summary>
    public async Task<ProbeResult> WaitUntilAnsweringAsync(string host, string url, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var result = await ProbeOnceAsync(host, url, timeoutSeconds: 3);
            if (result.Ok || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The calls the agent of <paramref name="host"/> counted per arrival family (dc_agent_rpc_calls_total), since its start.</summary>
    public async Task<(long IPv4, long IPv6)> CallsSeenAsync(string host)
    {
        var metrics = await ExecAsync(host, "curl", "-fsS", "-m", "5", "http://127.0.0.1:9102/metrics");
        Assert.True(metrics.ExitCode == 0, $"the metrics of {host}'s agent:\n{metrics}");
        long Sum(string family) => CallsLine().Matches(metrics.StdOut)
            .Where(m => m.Groups["family"].Value == family).Sum(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
        return (Sum("ipv4"), Sum("ipv6"));
    }

    /// <summary>The agent's call record (event 5040, Agent:LogCalls): (peer, local, family) of every call it answered.</summary>
    public IReadOnlyList<(string Peer, string Local, string Family)> ConnectionsLogged(string host) =>
        [.. ConnectionLine().Matches(File.ReadAllText(Path.Combine(Directory, host, "agent.log")))
            .Select(m => (m.Groups["peer"].Value, m.Groups["local"].Value, m.Groups["family"].Value))];

    /// <summary>Adds a line to the bed summary's outcomes.</summary>
    public void Outcome(string scenario, string observed) =>
        File.AppendAllText(Path.Combine(Directory, "outcomes.log"), $"{DateTime.UtcNow:HH:mm:ss} {scenario}: {observed}\n");

    private static async Task<CommandResult> RunScriptAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(start, timeout, $"scripts/testbed {string.Join(' ', args)}");
        return new CommandResult(exitCode, stdout, stderr);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistributedCloud.sln")) && File.Exists(Path.Combine(directory.FullName, "scripts", "testbed")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"scripts/testbed not found above {AppContext.BaseDirectory}; the bed tests run from the repository's build output");
    }

    [GeneratedRegex("""^dc_agent_rpc_calls_total\{[^}]*family="(?<family>ipv[46])"[^}]*\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex CallsLine();

    [GeneratedRegex(@"\[4020\] Host action (?<operation>\S+): (?<action>\w+) (?<host>\S+) started")]
    private static partial Regex ActionStartedLine();

    [GeneratedRegex(@"\[5040\] Call \S+ arrived over (?<family>ipv[46]): local (?<local>\S+), peer (?<peer>\S+)")]
    private static partial Regex ConnectionLine();
}
