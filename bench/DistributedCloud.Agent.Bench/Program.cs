using System.Diagnostics;
using System.Globalization;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

// usage: DistributedCloud.Agent.Bench URL [GETSITE_CALLS [CONCURRENCY [COMMAND_CALLS]]]
// Prints one tab-separated line per measurement: name, calls, concurrency, calls/s, p50 ms, p99 ms, max ms.
if (args.Length is < 1 or > 4)
{
    Console.Error.WriteLine("usage: DistributedCloud.Agent.Bench URL [GETSITE_CALLS [CONCURRENCY [COMMAND_CALLS]]]");
    return 2;
}

var address = args[0];
var getSiteCalls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
var commandCalls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2_000;

// One channel, one HTTP/2 connection (as the controller's per-subcloud channels and dcctl use), every call with the
// fencing metadata of a caller at epoch 0 and a deadline.
using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
    DisposeHttpClient = true,
    MaxReceiveMessageSize = 16 * 1024 * 1024,
});
var agent = new SubcloudAgent.SubcloudAgentClient(channel);
var fencing = new Metadata();
new FencingToken("bench", 0).WriteTo(fencing);
CallOptions Options() => new(fencing, DateTime.UtcNow.AddSeconds(30));

// Every answer is checked once, so a run against a wrong or empty site fails instead of timing errors.
var site = await agent.GetSiteAsync(new GetSiteRequest(), Options()).ResponseAsync;
var hosts = await agent.ListHostsAsync(new ListHostsRequest(), Options()).ResponseAsync;
if (hosts.Hosts.Count == 0)
{
    Console.Error.WriteLine("the site has no hosts");
    return 1;
}

var hostname = hosts.Hosts[0].Hostname;
Console.Error.WriteLine($"site answered: {site.CalculateSize()} bytes, {hosts.Hosts.Count} hosts; ShowHost uses '{hostname}'");

// (1) GetSite: CONCURRENCY callers share the channel's one HTTP/2 connection.
await Measure("GetSite (warm-up)", Math.Min(getSiteCalls, 5_000), concurrency, _ => agent.GetSiteAsync(new GetSiteRequest(), Options()).ResponseAsync, print: false);
await Measure("GetSite", getSiteCalls, concurrency, _ => agent.GetSiteAsync(new GetSiteRequest(), Options()).ResponseAsync);

// (2) Platform commands, one call at a time (the latency an operator or the controller sees).
var showHostRequest = new ShowHostRequest { Host = hostname };
await Measure("ListHosts", commandCalls, 1, _ => agent.ListHostsAsync(new ListHostsRequest(), Options()).ResponseAsync, warmUp: true);
await Measure("ShowHost", commandCalls, 1, _ => agent.ShowHostAsync(showHostRequest, Options()).ResponseAsync, warmUp: true);
await Measure("ListNetworkAddressPools", commandCalls, 1, _ => agent.ListNetworkAddressPoolsAsync(new ListNetworkAddressPoolsRequest(), Options()).ResponseAsync, warmUp: true);

// Writes: AddAddressPool of a new, unused pool, then DeleteAddressPool of it; unique names per call.
var runId = Guid.NewGuid().ToString("N")[..8];
var addTimes = new double[commandCalls];
var deleteTimes = new double[commandCalls];
for (var i = 0; i < 50; i++)
{
    await AddDelete($"bench-w-{runId}-{i}");
}

var writeClock = Stopwatch.StartNew();
for (var i = 0; i < commandCalls; i++)
{
    var (add, delete) = await AddDelete($"bench-{runId}-{i}");
    addTimes[i] = add;
    deleteTimes[i] = delete;
}

writeClock.Stop();
Report("AddAddressPool", addTimes, 1, writeClock.Elapsed.TotalSeconds / 2);
Report("DeleteAddressPool", deleteTimes, 1, writeClock.Elapsed.TotalSeconds / 2);
Report("AddAddressPool+DeleteAddressPool", addTimes.Zip(deleteTimes, (a, d) => a + d).ToArray(), 1, writeClock.Elapsed.TotalSeconds);
return 0;

async Task<(double Add, double Delete)> AddDelete(string name)
{
    var start = Stopwatch.GetTimestamp();
    var pool = await agent.AddAddressPoolAsync(new AddAddressPoolRequest { Name = name, Network = "fd7e:bec7::", Prefix = 64 }, Options());
    var added = Stopwatch.GetTimestamp();
    await agent.DeleteAddressPoolAsync(new DeleteAddressPoolRequest { Pool = pool.Uuid }, Options());
    var deleted = Stopwatch.GetTimestamp();
    return (Stopwatch.GetElapsedTime(start, added).TotalMilliseconds, Stopwatch.GetElapsedTime(added, deleted).TotalMilliseconds);
}

async Task Measure<T>(string name, int calls, int callers, Func<int, Task<T>> call, bool print = true, bool warmUp = false)
{
    if (warmUp)
    {
        for (var i = 0; i < Math.Min(200, calls); i++)
        {
            await call(i);
        }
    }

    var times = new double[calls];
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < calls)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }));
    clock.Stop();
    if (print)
    {
        Report(name, times, callers, clock.Elapsed.TotalSeconds);
    }
}

static void Report(string name, double[] times, int callers, double seconds)
{
    var sorted = times.Order().ToArray();
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}\t{sorted.Length}\t{callers}\t{sorted.Length / seconds:F0}\t{At(0.50):F2}\t{At(0.99):F2}\t{sorted[^1]:F2}"));
}
