using System.Net;
using DistributedCloud.Controller.Simulator.Fleet;
using Grpc.Core;

namespace DistributedCloud.Controller.Simulator.Agent;

/// <summary>
/// The simulated sites of one process, by the loopback address a call arrived at (<see cref="FleetLayout"/>). A site
/// is created from its bootstrap on its first call, so the process starts at once whatever the fleet size.
/// </summary>
public sealed class SimulatedFleet(int size, TimeProvider time)
{
    private readonly Lazy<SimulatedSite>[] _sites = Enumerable.Range(0, size)
        .Select(i => new Lazy<SimulatedSite>(() => new SimulatedSite(FleetLayout.BootstrapYaml(i), time.GetUtcNow()), LazyThreadSafetyMode.ExecutionAndPublication))
        .ToArray();

    public int Size => _sites.Length;

    /// <summary>Creates every site now instead of on its first call (bench/channels: a first call then costs the
    /// connection and the call, not the site's creation).</summary>
    public void CreateAll()
    {
        foreach (var site in _sites)
        {
            _ = site.Value;
        }
    }

    /// <summary>The site answering at <paramref name="local"/>; NOT_FOUND naming the address when none does.</summary>
    public SimulatedSite At(IPAddress? local) =>
        FleetLayout.IndexOf(local) is { } index && index < _sites.Length
            ? _sites[index].Value
            : throw new RpcException(new Status(StatusCode.NotFound, $"no simulated site answers at {local?.ToString() ?? "(unknown address)"}; sites are 127.1.x.y for 0..{_sites.Length - 1}"));
}
