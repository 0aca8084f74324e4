using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Simulator.Fleet;
using DistributedCloud.Networking.Bootstrap;
using Grpc.Core;

// usage: DistributedCloud.Controller.Channels.Bench SIM_PORT COUNT [PARALLEL [HOLD_S]]
// The controller's real agent channels to the simulated sites 0..COUNT-1 of a simulator on 127.1.x.y:SIM_PORT (started
// with at least COUNT+1 sites: site COUNT is the warm-up channel). Steps, each followed by a snapshot of this process
// (managed heap after a full GC, GC committed bytes, VmRSS, open fds, sockets, established connections to SIM_PORT):
//   start   the COUNT subcloud records built (as the controller holds them), no channel yet;
//   warm    one channel opened to site COUNT, one GetSite, channel dropped (code loaded and jitted, nothing kept);
//   open    one GetSite on each of the COUNT channels, PARALLEL at once: every channel holds a live HTTP/2 connection;
//   reused  a second GetSite on every channel: no new connection may appear.
// Then it prints HOLDING and keeps every channel open HOLD_S seconds (the script counts the simulator's fds meanwhile),
// then disposes them. Output: tab-separated lines "snap", "round" and "result" (see bench/channels/run.sh).
if (args.Length is < 2 or > 4)
{
    Console.Error.WriteLine("usage: DistributedCloud.Controller.Channels.Bench SIM_PORT COUNT [PARALLEL [HOLD_S]]");
    return 2;
}

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var simPort = Arg(0, 0);
var count = Arg(1, 0);
var parallel = Arg(2, 200);
var hold = Arg(3, 0);
var inv = CultureInfo.InvariantCulture;

// The subclouds as the controller records them: admitted against an IPv4-primary system controller (N-34: the
// bench's subclouds are IPv4-primary), the agent endpoint being the site's simulator address.
var planned = BootstrapPlanner.Plan(FleetLayout.SystemControllerYaml, isSystemController: true);
if (!planned.IsValid)
{
    Console.Error.WriteLine(string.Join("\n", planned.Errors));
    return 1;
}

var controllerSite = planned.Plan!.Networks;
IReadOnlyList<SubcloudGroup> groups = [SubcloudGroupRules.Default];
var admitted = DateTimeOffset.UtcNow;
Subcloud Record(int i) =>
    SubcloudRules.Admit(new SubcloudAddRequest(FleetLayout.Name(i), FleetLayout.BootstrapYaml(i), FleetLayout.Address(i).ToString()),
        controllerSite, [], groups, new SubcloudRegistryOptions(), admitted, RegionIds.New()) with
    { Agent = new AgentEndpoint(FleetLayout.Address(i), simPort) };

var clock = Stopwatch.StartNew();
var subclouds = Enumerable.Range(0, count).Select(Record).ToArray();
var warmUpSite = Record(count);
Console.Error.WriteLine($"{count} subcloud records built in {clock.Elapsed.TotalSeconds:F1} s; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");

// The controller's own channel set and client, with its default options (deadline 5 s, connect 3 s, keepalive 60 s/20 s).
using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "bench" });
var client = new GrpcSubcloudAgentClient(channels);
Snap("start");

await client.GetSiteAsync(warmUpSite, CancellationToken.None);
channels.Forget(warmUpSite.Name);
Snap("warm");

if (!await Round("open") || !await Round("reused"))
{
    return 1;
}

var established = Established(simPort);
if (established < count)
{
    Console.Error.WriteLine($"only {established} of {count} connections are established after the rounds");
    return 1;
}

Console.WriteLine("HOLDING");
await Task.Delay(TimeSpan.FromSeconds(hold));
Snap("held");
clock.Restart();
channels.Dispose();
Console.WriteLine(string.Create(inv, $"result\tdispose_s\t{clock.Elapsed.TotalSeconds:F2}"));
return 0;

// One GetSite on every channel, PARALLEL at once; each answer must come from its own site.
async Task<bool> Round(string name)
{
    var times = new double[count];
    var failures = 0;
    string? firstFailure = null;
    var round = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
    {
        var call = Stopwatch.StartNew();
        try
        {
            var site = await client.GetSiteAsync(subclouds[i], ct).ConfigureAwait(false);
            times[i] = call.Elapsed.TotalMilliseconds;
            if (site.ArrivalLocalAddress != subclouds[i].Agent.Address.ToString())
            {
                throw new InvalidOperationException($"{subclouds[i].Name}: answered by the site at {site.ArrivalLocalAddress}");
            }
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            Interlocked.Increment(ref failures);
            Interlocked.CompareExchange(ref firstFailure, $"{subclouds[i].Name}: {e.Message}", null);
        }
    });
    var seconds = round.Elapsed.TotalSeconds;
    Array.Sort(times);
    double At(double q) => times.Length == 0 ? 0 : times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
    Console.WriteLine(string.Create(inv,
        $"round\t{name}\t{count}\t{parallel}\t{seconds:F2}\t{count / seconds:F0}\t{At(0.5):F1}\t{At(0.99):F1}\t{At(1):F1}\t{failures}"));
    Snap(name);
    if (failures > 0)
    {
        Console.Error.WriteLine($"{name}: {failures} of {count} GetSite calls failed; first: {firstFailure}");
    }

    return failures == 0;
}

// The process's memory and descriptors now (after a full, compacting GC).
Snapshot Snap(string label)
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var heap = GC.GetTotalMemory(forceFullCollection: false);
    var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
    var rss = StatusKb("VmRSS") * 1024;
    var fds = 0;
    var sockets = 0;
    foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
    {
        fds++;
        try
        {
            if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
            {
                sockets++;
            }
        }
        catch (IOException)
        {
            // the enumeration's own descriptor, closed by now
        }
    }

    var snapshot = new Snapshot(label, heap, committed, rss, fds, sockets, Established(simPort));
    Console.WriteLine(string.Create(inv,
        $"snap\t{label}\t{heap}\t{committed}\t{rss}\t{StatusKb("VmHWM") * 1024}\t{fds}\t{sockets}\t{snapshot.Established}"));
    return snapshot;
}

static long StatusKb(string key) =>
    File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
        .First();

// Established TCP connections to the simulator's port (client ends only: the remote port is the simulator's).
static int Established(int port)
{
    var remote = string.Create(CultureInfo.InvariantCulture, $":{port:X4}");
    var n = 0;
    foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length > 3 && fields[3] == "01" && fields[2].EndsWith(remote, StringComparison.Ordinal))
        {
            n++;
        }
    }

    return n;
}

internal sealed record Snapshot(string Label, long Heap, long Committed, long Rss, int Fds, int Sockets, int Established);
