using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl network-addrpool-list</c></summary>
public sealed class NetworkAddrpoolListCommand() : ListCommand("network-addrpool-list", "List the pools attached to each network, primary first.")
{
    protected override async Task<BoxTable> ReadAsync(SitePlatform site, CancellationToken cancellationToken) =>
        PlatformTables.NetworkPools(await site.ListNetworkAddressPoolsAsync(cancellationToken));
}
