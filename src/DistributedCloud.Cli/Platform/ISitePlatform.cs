using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// The platform API of one site as dcctl uses it. A network seam with two ends: a subcloud agent reached directly
/// (<c>--agent URL</c>) and, through the system controller, the controller's own site or a named subcloud.
/// </summary>
public interface ISitePlatform : IDisposable
{
    /// <summary>Where the calls go, for messages (for example <c>agent http://[::1]:50052</c>).</summary>
    string Describe { get; }

    Task<Site> GetSiteAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<NetworkAddressPool>> ListNetworkAddressPoolsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<AddressPool>> ListAddressPoolsAsync(CancellationToken cancellationToken);

    Task<AddressPool> ShowAddressPoolAsync(string pool, CancellationToken cancellationToken);

    Task<AddressPool> AddAddressPoolAsync(AddAddressPoolRequest request, CancellationToken cancellationToken);

    Task<AddressPool> ModifyAddressPoolAsync(ModifyAddressPoolRequest request, CancellationToken cancellationToken);

    Task<string> DeleteAddressPoolAsync(string pool, CancellationToken cancellationToken);

    Task<NetworkAddressPool> AssignNetworkAddressPoolAsync(string network, string pool, CancellationToken cancellationToken);

    Task<string> RemoveNetworkAddressPoolAsync(string uuid, CancellationToken cancellationToken);

    Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken);

    Task<Host> ShowHostAsync(string host, CancellationToken cancellationToken);

    Task<HostActionResponse> HostActionAsync(HostAction action, HostActionRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<SiteEvent> WatchEventsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Alarm>> ListAlarmsAsync(CancellationToken cancellationToken);
}
