using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl addrpool-list</c></summary>
public sealed class AddrpoolListCommand() : ListCommand("addrpool-list", "List the site's address pools.")
{
    protected override async Task<BoxTable> ReadAsync(SitePlatform site, CancellationToken cancellationToken) =>
        PlatformTables.Pools(await site.ListAddressPoolsAsync(cancellationToken));
}
