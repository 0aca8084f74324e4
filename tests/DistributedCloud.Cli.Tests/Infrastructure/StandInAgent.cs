using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Server;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>A subcloud agent serving <see cref="SampleSite"/> (the read calls the platform commands use).</summary>
public sealed class StandInAgent
{
    public Task<ListNetworksResponse> ListNetworks(ListNetworksRequest request, ServerCallContext context) =>
        Task.FromResult(new ListNetworksResponse { Networks = { SampleSite.Networks() } });

    public Task<ListAddressPoolsResponse> ListAddressPools(ListAddressPoolsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListAddressPoolsResponse { Pools = { SampleSite.Pools() } });

    public Task<AddressPool> ShowAddressPool(ShowAddressPoolRequest request, ServerCallContext context) =>
        Task.FromResult(SampleSite.Pools().First(p => p.Name == request.Pool || p.Uuid == request.Pool));

    public Task<ListNetworkAddressPoolsResponse> ListNetworkAddressPools(ListNetworkAddressPoolsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListNetworkAddressPoolsResponse { NetworkAddressPools = { SampleSite.NetworkPools() } });

    public Task<ListHostsResponse> ListHosts(ListHostsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListHostsResponse { Hosts = { SampleSite.Hosts() } });

    public Task<Host> ShowHost(ShowHostRequest request, ServerCallContext context) =>
        Task.FromResult(SampleSite.Hosts().First(h => h.Hostname == request.Host || h.Uuid == request.Host));

    public Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListAlarmsResponse { Alarms = { SampleSite.Alarms() } });
}
