using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Controller.Simulator.Fleet;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using Grpc.Core;
using Grpc.Net.Client;

namespace DistributedCloud.Controller.Simulator.Driver;

/// <summary>
/// Drives the controller's admin API for the bench: adds and manages the fleet (side by side, bounded), waits until
/// every subcloud is online and in-sync, and runs a network-mode strategy to dual-stack. Prints tab-separated lines
/// (measurement, count, seconds, rate or state) for run.sh's table.
/// </summary>
public sealed class FleetDriver(GrpcChannel channel) : IDisposable
{
    private readonly SystemController.SystemControllerClient _controller = new(channel);

    private static readonly Lock TokensGate = new();

    /// <summary>
    /// A channel to the controller: plaintext (development mode), or, with SIM_CONTROLLER_CONFIG (the controller's
    /// access/dcctl.yaml), TLS trusting its CA and its bootstrap administrator's token on every call, as dcctl does.
    /// </summary>
    public static FleetDriver Connect(string controller)
    {
        var path = Environment.GetEnvironmentVariable("SIM_CONTROLLER_CONFIG");
        if (string.IsNullOrEmpty(path))
        {
            return new(GrpcChannel.ForAddress(controller));
        }

        var config = DcctlConfig.Parse(File.ReadAllText(path));
        var trust = TrustBundle.FromPem(config.CaCertificate ?? throw new InvalidDataException($"{path}: no ca_certificate"));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _);
        var token = config.Token ?? throw new InvalidDataException($"{path}: no token");
        return new(GrpcChannel.ForAddress(controller, new GrpcChannelOptions { HttpHandler = new BearerHandler(token) { InnerHandler = handler }, DisposeHttpClient = true }));
    }

    /// <summary>Every admin call of the bench gets five minutes (a controller under a 10,000-subcloud add is slow).</summary>
    private static CallOptions Options => new(deadline: DateTime.UtcNow.AddMinutes(5));

    /// <summary>Adds sites [first, first+count) with <paramref name="parallel"/> calls in flight.</summary>
    /// <remarks>With SIM_TOKENS set, each answer's join token is appended there for the simulator (serve --tls) to enroll with.</remarks>
    public Task AddAsync(int first, int count, int port, int parallel)
    {
        var tokens = Environment.GetEnvironmentVariable("SIM_TOKENS");
        return TimedAsync("add", Enumerable.Range(first, count).ToArray(), parallel, async i =>
        {
            var added = await _controller.AddSubcloudAsync(new AddSubcloudRequest
            {
                Name = FleetLayout.Name(i),
                BootstrapYaml = FleetLayout.BootstrapYaml(i),
                AgentAddress = FleetLayout.Address(i).ToString(),
                AgentPort = (uint)port,
            }, Options).ResponseAsync.ConfigureAwait(false);
            if (!string.IsNullOrEmpty(tokens) && added.Enrollment is { JoinToken.Length: > 0 } enrollment)
            {
                lock (TokensGate)
                {
                    File.AppendAllText(tokens, $"{added.Name}\t{enrollment.JoinToken}\n");
                }
            }

            return added;
        });
    }

    /// <summary>Manages sites [0, count) (D-3: each must be online with deploy status complete, so after the first audit).</summary>
    public Task ManageAsync(int count, int parallel) =>
        TimedAsync("manage", Enumerable.Range(0, count).ToArray(), parallel, i => _controller.ManageSubcloudAsync(new ManageSubcloudRequest { Name = FleetLayout.Name(i) }, Options).ResponseAsync);

    /// <summary>
    /// Polls the subcloud list until <paramref name="count"/> are online (and in-sync when <paramref name="inSync"/>);
    /// false on timeout.
    /// </summary>
    public async Task<bool> WaitAsync(int count, bool inSync, TimeSpan timeout)
    {
        var what = inSync ? "online+in-sync" : "online";
        var clock = Stopwatch.StartNew();
        var (online, synced) = (0, 0);
        while (clock.Elapsed < timeout)
        {
            var subclouds = (await _controller.ListSubcloudsAsync(new ListSubcloudsRequest(), Options).ResponseAsync.ConfigureAwait(false)).Subclouds;
            online = subclouds.Count(s => s.Availability == SubcloudAvailability.Online);
            synced = subclouds.Count(s => s.Availability == SubcloudAvailability.Online && s.Sync == SyncStatus.InSync);
            if ((inSync ? synced : online) >= count)
            {
                Print(what, count, clock.Elapsed.TotalSeconds, "all");
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }

        Print(what, count, clock.Elapsed.TotalSeconds, $"timed out: {online} online, {synced} in-sync");
        return false;
    }

    /// <summary>Creates a network-mode strategy to dual-stack for sites [0, count), applies it and waits for its end.</summary>
    public async Task<bool> DualStackStrategyAsync(int count, int maxParallel, TimeSpan timeout)
    {
        var parameters = new NetworkModeParameters { Target = NetworkMode.DualStack };
        var scope = new SubcloudList();
        foreach (var i in Enumerable.Range(0, count))
        {
            var entry = new SecondarySubnets();
            foreach (var (key, value) in FleetLayout.SecondarySubnets(i))
            {
                entry.Values[key] = value;
            }

            parameters.SecondarySubnets[FleetLayout.Name(i)] = entry;
            scope.Names.Add(FleetLayout.Name(i));
        }

        var clock = Stopwatch.StartNew();
        var created = await _controller.CreateStrategyAsync(new CreateStrategyRequest
        {
            Type = StrategyType.NetworkMode,
            SubcloudApplyType = ApplyType.Parallel,
            MaxParallelSubclouds = (uint)maxParallel,
            Subclouds = scope,
            NetworkMode = parameters,
        }, Options).ResponseAsync.ConfigureAwait(false);
        Print("strategy create", created.Subclouds.Count, clock.Elapsed.TotalSeconds, $"{created.Subclouds.Sum(s => s.Steps.Count)} steps");

        clock.Restart();
        await _controller.ApplyStrategyAsync(new ApplyStrategyRequest(), Options).ResponseAsync.ConfigureAwait(false);
        var strategy = created;
        var polls = 0;
        while (clock.Elapsed < timeout)
        {
            strategy = await _controller.GetStrategyAsync(new GetStrategyRequest(), Options).ResponseAsync.ConfigureAwait(false);
            if (strategy.State is StrategyState.Complete or StrategyState.Failed or StrategyState.Aborted)
            {
                break;
            }

            // A read of the whole strategy is not free for the controller: poll gently, report progress now and then.
            if (++polls % 15 == 0)
            {
                Print("strategy progress", created.Subclouds.Count, clock.Elapsed.TotalSeconds,
                    string.Create(CultureInfo.InvariantCulture, $"{strategy.Done} done, {strategy.Running} running, {strategy.Failed} failed"));
            }

            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        var state = strategy.State.ToString().ToLowerInvariant();
        Print("strategy apply->end", created.Subclouds.Count, clock.Elapsed.TotalSeconds,
            string.Create(CultureInfo.InvariantCulture, $"{state}: {strategy.Done} done, {strategy.Failed} failed{(strategy.Error.Length > 0 ? $", {strategy.Error}" : string.Empty)}"));
        return strategy.State == StrategyState.Complete;
    }

    public void Dispose() => channel.Dispose();

    private static async Task TimedAsync<T>(string what, int[] items, int parallel, Func<int, Task<T>> call)
    {
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int at;
            while ((at = Interlocked.Increment(ref next)) < items.Length)
            {
                try
                {
                    await call(items[at]).ConfigureAwait(false);
                }
                catch (RpcException refused)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, $"{FleetLayout.Name(items[at])}: {refused.StatusCode} {refused.Message}", null);
                }
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        Print(what, items.Length, seconds, string.Create(CultureInfo.InvariantCulture, $"{items.Length / seconds:F1}/s{(failures > 0 ? $", {failures} refused (first: {firstFailure})" : string.Empty)}"));
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} {what} calls were refused; first: {firstFailure}");
        }
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static void Print(string what, int count, double seconds, string note) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}\t{count}\t{seconds:F2}\t{note}"));
}
