using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

// usage: DistributedCloud.Agent.Bench URL [GETSITE_CALLS [CONCURRENCY [COMMAND_CALLS]]] [OPTIONS]
//   --config DCCTL_YAML            TLS: trust the configuration's CA, send its token (a standalone agent, S-5a); the
//                                  fencing claim is the operator's (dcctl, epoch 0)
//   --mtls DIR                     mutual TLS as a controller calls an enrolled agent: DIR holds ca.crt (trusted), and
//                                  controller.crt/controller.key (presented); the agent must name dc://subcloud/NAME of
//                                  that CA; the fencing claim is the controller id the certificate names
//   --getsite-only                 GetSite only, no per-command latency
//   (neither --config nor --mtls: plaintext, development mode, fencing claim "bench" at epoch 0)
// or:    DistributedCloud.Agent.Bench pki AGENT_DATA_DIR CLIENT_DIR SUBCLOUD
//   issues with a new CertificateAuthority (the controller's own CA class) an agent certificate for dc://subcloud/SUBCLOUD
//   (IP SAN ::1, server use, as SubcloudEnrollment issues it) into AGENT_DATA_DIR/pki (agent.crt, agent.key,
//   trust.pem: the agent starts enrolled), and a controller certificate dc://controller/bench (server and client use, as
//   ControllerPki issues it) into CLIENT_DIR (ca.crt, controller.crt, controller.key).
// or:    DistributedCloud.Agent.Bench chain-cost CLIENT_DIR COUNT
//   times COUNT TrustBundle.Validates of CLIENT_DIR/controller.crt against CLIENT_DIR/ca.crt, one after the other: what
//   an enrolled agent does for each call (AgentCallerPolicy, through AccessAuthenticationHandler), printed as
//   "chain-cost<TAB>COUNT<TAB>µs per validation (wall)<TAB>µs per validation (process CPU)".
// Prints one tab-separated line per measurement: name, calls, concurrency, calls/s, p50 ms, p99 ms, max ms.
if (args.FirstOrDefault() == "chain-cost" && args.Length == 3)
{
    var trust = TrustBundle.FromPem(File.ReadAllText(Path.Combine(args[1], "ca.crt")));
    using var presented = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(args[1], "controller.crt")));
    var count = int.Parse(args[2], CultureInfo.InvariantCulture);
    for (var i = 0; i < Math.Min(count, 200); i++)
    {
        trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _);
    }

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        if (!trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out var problem))
        {
            Console.Error.WriteLine(problem);
            return 1;
        }
    }

    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chain-cost\t{count}\t{wall.Elapsed.TotalMicroseconds / count:F1}\t{cpuUsed.TotalMicroseconds / count:F1}"));
    return 0;
}

if (args.FirstOrDefault() == "pki")
{
    if (args.Length != 4)
    {
        Console.Error.WriteLine("usage: DistributedCloud.Agent.Bench pki AGENT_DATA_DIR CLIENT_DIR SUBCLOUD");
        return 2;
    }

    var time = TimeProvider.System;
    using var authority = CertificateAuthority.Create("bench CA", TimeSpan.FromDays(30), time);
    var pki = Path.Combine(args[1], "pki");
    KeyFiles.EnsureDirectory(args[1]);
    KeyFiles.EnsureDirectory(pki);
    KeyFiles.EnsureDirectory(args[2]);
    using (var agentCertificate = authority.IssueWithNewKey(PeerIdentity.Subcloud(args[3]), [IPAddress.IPv6Loopback], [], TimeSpan.FromDays(7), CertificateUse.Server))
    {
        KeyFiles.WriteCertificateWithKey(agentCertificate, Path.Combine(pki, "agent.crt"), Path.Combine(pki, "agent.key"));
    }

    using (var controllerCertificate = authority.IssueWithNewKey(PeerIdentity.Controller("bench"), [IPAddress.IPv6Loopback], ["localhost"], TimeSpan.FromDays(7), CertificateUse.Server | CertificateUse.Client))
    {
        KeyFiles.WriteCertificateWithKey(controllerCertificate, Path.Combine(args[2], "controller.crt"), Path.Combine(args[2], "controller.key"));
    }

    var caPem = authority.Certificate.ExportCertificatePem() + "\n";
    File.WriteAllText(Path.Combine(pki, "trust.pem"), caPem);
    File.WriteAllText(Path.Combine(args[2], "ca.crt"), caPem);
    Console.Error.WriteLine($"issued dc://subcloud/{args[3]} and dc://controller/bench with CA {authority.Fingerprint}");
    return 0;
}

var getSiteOnly = args.Contains("--getsite-only");
string? configPath = null;
string? mtlsDirectory = null;
var positional = new List<string>();
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--getsite-only":
            break;
        case "--config" when a + 1 < args.Length:
            configPath = args[++a];
            break;
        case "--mtls" when a + 1 < args.Length:
            mtlsDirectory = args[++a];
            break;
        default:
            positional.Add(args[a]);
            break;
    }
}

if (positional.Count is < 1 or > 4 || (configPath is not null && mtlsDirectory is not null))
{
    Console.Error.WriteLine("usage: DistributedCloud.Agent.Bench URL [GETSITE_CALLS [CONCURRENCY [COMMAND_CALLS]]] [--config DCCTL_YAML | --mtls DIR] [--getsite-only]");
    return 2;
}

var address = positional[0];
var getSiteCalls = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 20_000;
var concurrency = positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 32;
var commandCalls = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 2_000;

// One channel, one HTTP/2 connection (as the controller's per-subcloud channels and dcctl use), every call with the
// fencing metadata and a deadline. TLS as the caller of each mode does it: a token caller trusts its configuration's CA
// (as dcctl), a controller presents its certificate and accepts only dc://subcloud/... of its CA (as AgentTls).
var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan };
HttpMessageHandler outer = handler;
var fencingToken = new FencingToken("bench", 0);
if (configPath is not null)
{
    var config = DcctlConfig.Parse(File.ReadAllText(configPath));
    var trust = TrustBundle.FromPem(config.CaCertificate ?? throw new InvalidDataException($"{configPath}: no ca_certificate"));
    handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _);
    outer = new BearerHandler(config.Token ?? throw new InvalidDataException($"{configPath}: no token")) { InnerHandler = handler };
    fencingToken = FencingToken.Operator;
}
else if (mtlsDirectory is not null)
{
    var trust = TrustBundle.FromPem(File.ReadAllText(Path.Combine(mtlsDirectory, "ca.crt")));
    var client = KeyFiles.LoadCertificateWithKey(Path.Combine(mtlsDirectory, "controller.crt"), Path.Combine(mtlsDirectory, "controller.key"));
    // SslStream wants a key it can use on every platform: reload through PKCS#12, as the agent and the controller do.
    client = X509CertificateLoader.LoadPkcs12(client.Export(X509ContentType.Pkcs12), null);
    handler.SslOptions.ClientCertificates = [client];
    handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
    handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _)
        && PeerIdentity.Of(presented) is { Kind: PeerKind.Subcloud };
    fencingToken = new FencingToken(PeerIdentity.Of(client)?.Name ?? throw new InvalidDataException("the controller certificate names no dc:// identity"), 0);
}

using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
{
    HttpHandler = outer,
    DisposeHttpClient = true,
    MaxReceiveMessageSize = 16 * 1024 * 1024,
});
var agent = new SubcloudAgent.SubcloudAgentClient(channel);
var fencing = new Metadata();
fencingToken.WriteTo(fencing);
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

if (getSiteOnly)
{
    return 0;
}

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

internal sealed class BearerHandler(string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
