using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl network-list</c></summary>
public sealed class NetworkListCommand() : ListCommand("network-list", "List the site's platform networks with their primary pool and family.")
{
    protected override async Task<BoxTable> ReadAsync(SitePlatform site, CancellationToken cancellationToken) =>
        PlatformTables.Networks(await site.ListNetworksAsync(cancellationToken));
}
