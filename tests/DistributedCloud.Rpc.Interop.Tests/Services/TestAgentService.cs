using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Fencing;
using DistributedCloud.Rpc.Server;

namespace DistributedCloud.Rpc.Interop.Tests.Services;

/// <summary>
/// A stand-in agent for the wire tests: GetSite (with the arrival family and the caller's fencing
/// identity) and an AddAddressPool that refuses with domain errors. Every other method is left
/// unbound, so it answers UNIMPLEMENTED. The real agent comes with a later issue.
/// </summary>
public sealed class TestAgentService
{
    public Task<Site> GetSite(GetSiteRequest request, ServerCallContext context)
    {
        var caller = FencingToken.ReadFrom(context.RequestHeaders);
        var oam = new Network { Id = 3, Name = "oam", Type = "oam", PrimaryPoolFamily = AddressFamily.Ipv6, PoolUuid = "pool-oam-ipv6" };
        oam.Pools.Add(new AddressPool { Uuid = "pool-oam-ipv6", Name = "oam-ipv6", Network = "fd00::", Prefix = 64, Family = AddressFamily.Ipv6 });
        oam.Pools.Add(new AddressPool { Uuid = "pool-oam-ipv4", Name = "oam-ipv4", Network = "10.10.204.0", Prefix = 24, Family = AddressFamily.Ipv4 });
        var site = new Site
        {
            SystemName = "subcloud1",
            SystemMode = SystemMode.Duplex,
            Release = "25.09",
            PrimaryFamily = AddressFamily.Ipv6,
            ArrivalFamily = context.ArrivalFamily switch
            {
                IpFamily.IPv4 => AddressFamily.Ipv4,
                IpFamily.IPv6 => AddressFamily.Ipv6,
                _ => AddressFamily.Unspecified,
            },
            ArrivalLocalAddress = context.LocalAddress?.ToString() ?? string.Empty,
            ArrivalPeerAddress = context.RemoteAddress?.ToString() ?? string.Empty,
            Leadership = new Leadership { ControllerId = caller.ControllerId, Epoch = caller.LeadershipEpoch },
        };
        site.Networks.Add(oam);
        site.Hosts.Add(new Host { Hostname = "controller-0", Administrative = AdministrativeState.Unlocked, Role = ControllerRole.Active });
        return Task.FromResult(site);
    }

    public Task<AddressPool> AddAddressPool(AddAddressPoolRequest request, ServerCallContext context)
    {
        var errors = new ErrorCollector();
        if (string.IsNullOrEmpty(request.Name))
        {
            errors.Add("N-4", "name", "The pool name is empty; give the pool a name.");
        }

        if (request.Network == "10.0.0.1" && request.Prefix == 24)
        {
            errors.Add("N-4", "network", "10.0.0.1/24 has host bits set; the network address is 10.0.0.0.");
        }

        errors.ThrowIfAny();
        return Task.FromResult(new AddressPool { Name = request.Name });
    }
}
