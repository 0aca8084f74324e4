using DistributedCloud.Networking.Pools;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Views;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Site.Tests.Support;

/// <summary>A site in a fresh temporary data directory (a real SQLite file), removed at the end of the test.</summary>
internal sealed class TestSite : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory;

    private TestSite(TempDirectory directory, SiteManager manager, SimulatedHostDriver driver, FakeTimeProvider time, string bootstrap)
    {
        _directory = directory;
        Manager = manager;
        Driver = driver;
        Time = time;
        Bootstrap = bootstrap;
    }

    public string Directory => _directory.Root;

    public SiteManager Manager { get; private set; }

    public SimulatedHostDriver Driver { get; }

    public FakeTimeProvider Time { get; }

    public string Bootstrap { get; }

    public SiteManagerOptions Options => new() { DataDirectory = Directory };

    public static Task<TestSite> CreateAsync(string example = BootstrapExamples.AioDxIpv6, SimulatedHostDriverOptions? driverOptions = null) =>
        CreateFromYamlAsync(BootstrapExamples.Read(example), driverOptions);

    public static async Task<TestSite> CreateFromYamlAsync(string yaml, SimulatedHostDriverOptions? driverOptions = null)
    {
        var directory = new TempDirectory("dc-site-tests");
        var time = new FakeTimeProvider(Start);
        var driver = new SimulatedHostDriver(driverOptions, TimeProvider.System);
        var manager = await SiteManager.OpenOrCreateAsync(new SiteManagerOptions { DataDirectory = directory.Root }, yaml, driver, time);
        return new TestSite(directory, manager, driver, time, yaml);
    }

    /// <summary>Closes the manager and opens the data directory again, as a restart does.</summary>
    public async Task ReopenAsync(IHostDriver? driver = null)
    {
        await Manager.DisposeAsync();
        Manager = await SiteManager.OpenOrCreateAsync(Options, Bootstrap, driver ?? Driver, Time);
    }

    public HostView Host(string name) => Manager.ShowHost(name);

    public async Task<HostOperation> RunAsync(HostAction action, string host, bool force = false)
    {
        var ticket = action switch
        {
            HostAction.Lock => await Manager.LockHostAsync(host, force),
            HostAction.Unlock => await Manager.UnlockHostAsync(host, force),
            _ => await Manager.SwactHostAsync(host, force),
        };
        return await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task<HostOperation> LockAsync(string host, bool force = false) => RunAsync(HostAction.Lock, host, force);

    public Task<HostOperation> UnlockAsync(string host, bool force = false) => RunAsync(HostAction.Unlock, host, force);

    public Task<HostOperation> SwactAsync(string host, bool force = false) => RunAsync(HostAction.Swact, host, force);

    /// <summary>The seed's oam-ipv4 pool (seed 002).</summary>
    public static AddressPoolSpec OamIpv4 => new("oam-ipv4", "10.10.204.0", "24", "random", "10.10.204.1-10.10.204.253",
        FloatingAddress: "10.10.204.1", Controller0Address: "10.10.204.2", Controller1Address: "10.10.204.3", GatewayAddress: "10.10.204.254");

    public static AddressPoolSpec ClusterPodIpv4 => new("cluster-pod-ipv4", "172.16.0.0", "16", "random", "172.16.0.1-172.16.254.254");

    public static AddressPoolSpec ClusterServiceIpv4 => new("cluster-service-ipv4", "10.96.0.0", "12", "random", "10.96.0.1-10.96.254.254");

    public static AddressPoolSpec ClusterHostIpv4 => new("cluster-host-ipv4", "171.168.204.0", "24", "random", "171.168.204.1-171.168.204.254",
        FloatingAddress: "171.168.204.1", Controller0Address: "171.168.204.2", Controller1Address: "171.168.204.3");

    /// <summary>The uuid the seed's awk picks from network-addrpool-list for a pool name.</summary>
    public string AssignmentOf(string poolName) =>
        Manager.ListNetworkPools().Single(r => r.AddrpoolName == poolName).Uuid.ToString();

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        _directory.Dispose();
    }
}
