using System.Text.Json;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>
/// One fleet for the fleet tests (starting four processes costs more than the facts themselves): a real controller
/// (own site dual-stack, IPv6 primary) and three real agents listening on [::1] and 127.0.0.1, the subclouds added and
/// managed through dcctl once, the dcctl answers kept for the facts to check. Audits every second, short retry and
/// poll intervals, short simulated host actions: everything a test waits for happens within seconds.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const string Simplex = "subcloud1";
    public const string Duplex = "subcloud2";
    public const string DualStack = "subcloud3";

    public static readonly IReadOnlyList<string> Names = [Simplex, Duplex, DualStack];

    private static readonly Dictionary<string, string> Bootstraps = new()
    {
        [Simplex] = FleetBootstraps.Simplex,
        [Duplex] = FleetBootstraps.Duplex,
        [DualStack] = FleetBootstraps.DualStack,
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dc-fleet-e2e", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, AgentProcess> _agents = [];
    private ControllerProcess? _controller;

    public ControllerProcess Controller => _controller ?? throw new InvalidOperationException("the fleet did not start");

    public IReadOnlyDictionary<string, AgentProcess> Agents => _agents;

    /// <summary>What <c>dcctl subcloud add NAME ... -o json</c> answered for each subcloud.</summary>
    public Dictionary<string, DcctlResult> Added { get; } = [];

    /// <summary>What <c>dcctl subcloud manage NAME -o json</c> answered for each subcloud.</summary>
    public Dictionary<string, DcctlResult> Managed { get; } = [];

    /// <summary>The controller's settings for tests: audits every second (D-5), an unreachable agent retried after 1 s.</summary>
    public static IReadOnlyDictionary<string, string> FastSettings { get; } = new Dictionary<string, string>
    {
        ["Audit__AvailabilityInterval"] = "00:00:01",
        ["Audit__SyncInterval"] = "00:00:01",
        ["Audit__CallTimeout"] = "00:00:02",
        ["Agents__CallTimeout"] = "00:00:05",
        ["Workflows__AgentRetryDelay"] = "00:00:01",
        ["Workflows__HostActionPollInterval"] = "00:00:00.200",
        ["Workflows__ExecutorTickInterval"] = "00:00:01",
        ["Workflows__OutboxSweepInterval"] = "00:00:02",
    };

    public string File(string name) => Path.Combine(_directory, name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        foreach (var (name, yaml) in Bootstraps)
        {
            await System.IO.File.WriteAllTextAsync(File($"{name}.yaml"), yaml);
        }

        await System.IO.File.WriteAllTextAsync(File("controller.yaml"), FleetBootstraps.Controller);
        await System.IO.File.WriteAllTextAsync(File("ipv4.yaml"), FleetBootstraps.Ipv4Primary);
        await System.IO.File.WriteAllTextAsync(File("secondary.yaml"), FleetBootstraps.SecondarySubnets);

        _controller = await ControllerProcess.StartAsync(new HostStart
        {
            Bootstrap = File("controller.yaml"),
            ListenIPv4 = true,
            ActionDelay = "300ms",
            Environment = FastSettings,
        });

        // D-2 and S-2: each subcloud added (unmanaged, offline, not deployed) with a join token, its agent started with
        // it; the audit enrolls each and brings it online and complete; D-3: then manage.
        var agents = new Dictionary<string, Task<AgentProcess>>();
        foreach (var name in Names)
        {
            var port = SiteHostProcess.FreePort();
            Added[name] = await Ctl("subcloud", "add", name, "--bootstrap", File($"{name}.yaml"), "--agent-address", "::1",
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json");
            Assert.True(Added[name].ExitCode == 0, $"subcloud add {name}: {Added[name]}");
            using var answer = JsonDocument.Parse(Added[name].StdOut);
            agents[name] = AgentProcess.StartAsync(new HostStart
            {
                Bootstrap = File($"{name}.yaml"),
                ListenIPv4 = true,
                Port = port,
                ActionDelay = "300ms",
                Environment = new Dictionary<string, string> { ["Agent__LogCalls"] = "true" },
            }.Enrolling(answer.RootElement.GetProperty("join_token").GetString()!, answer.RootElement.GetProperty("ca_fingerprint").GetString()!));
        }

        try
        {
            await Task.WhenAll(agents.Values);
        }
        finally
        {
            foreach (var (name, start) in agents.Where(a => a.Value.IsCompletedSuccessfully))
            {
                _agents[name] = start.Result;
                start.Result.UseAccessOf(Controller, name);
            }
        }

        foreach (var name in Names)
        {
            await Controller.WaitForSubcloudAsync(name, s => s.Availability == SubcloudAvailability.Online && s.DeployStatus == "complete");
            Managed[name] = await Ctl("subcloud", "manage", name, "-o", "json");
            Assert.True(Managed[name].ExitCode == 0, $"subcloud manage {name}: {Managed[name]}");
        }

        await WaitInSyncAsync(Names);
    }

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>dcctl against this fleet's controller.</summary>
    public Task<DcctlResult> Ctl(params string[] args) => Dcctl.RunAsync(["--controller", Controller.Url, .. args]);

    /// <summary>dcctl with <c>-o json</c> that must succeed; its stdout parsed.</summary>
    public async Task<JsonElement> Json(params string[] args)
    {
        var result = await Ctl([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"dcctl {string.Join(' ', args)}: {result}");
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    /// <summary>The rows of <c>dcctl subcloud list -o json</c> by name.</summary>
    public async Task<Dictionary<string, JsonElement>> ListAsync() =>
        (await Json("subcloud", "list")).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

    public async Task<Strategy> StrategyAsync() =>
        await Controller.CallAsync((c, o) => c.GetStrategyAsync(new GetStrategyRequest { Details = true }, o));

    /// <summary>Polls the strategy until <paramref name="done"/> holds (bounded, with the last strategy in the failure).</summary>
    public async Task<Strategy> WaitForStrategyAsync(string what, Func<Strategy, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var strategy = await StrategyAsync();
            if (done(strategy))
            {
                return strategy;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the strategy did not reach '{what}'; last: {strategy}\n--- controller output\n{Tail(Controller.Output)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every named subcloud is online and in sync (the audit after a change compares the new mode).</summary>
    public async Task WaitInSyncAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            await Controller.WaitForSubcloudAsync(name, s => s.Availability == SubcloudAvailability.Online && s.Sync == SyncStatus.InSync,
                TimeSpan.FromSeconds(40));
        }
    }

    /// <summary>The controller restarted on its data directory, with these transport settings over the fast ones.</summary>
    public async Task RestartControllerAsync(IReadOnlyDictionary<string, string> transport)
    {
        var environment = new Dictionary<string, string>(FastSettings);
        foreach (var (key, value) in transport)
        {
            environment[key] = value;
        }

        await Controller.RestartAsync(start => start with { Environment = environment });
    }

    /// <summary>
    /// The two single-stack subclouds' strategy in the direction that changes them: to dual-stack (with the secondary
    /// subnets file) while subcloud1 is single-stack, else back to single-stack. Created through dcctl (deleting a
    /// strategy that ended first); returns the target.
    /// </summary>
    public async Task<string> CreateConversionAsync()
    {
        var target = (await ListAsync())[Simplex].GetProperty("network mode").GetString() == "dual-stack" ? "single-stack" : "dual-stack";
        var existing = await Ctl("strategy", "show", "-o", "json");
        if (existing.ExitCode == 0)
        {
            var deleted = await Ctl("strategy", "delete");
            Assert.True(deleted.ExitCode == 0, $"strategy delete: {deleted}");
        }

        string[] create = ["strategy", "create", "network-mode", "--target", target, "--subclouds", $"{Simplex},{Duplex}"];
        if (target == "dual-stack")
        {
            create = [.. create, "--secondary-subnets", File("secondary.yaml")];
        }

        await Json(create);
        return target;
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
