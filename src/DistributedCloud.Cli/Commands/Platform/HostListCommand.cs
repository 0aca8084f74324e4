using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl host-list</c></summary>
public sealed class HostListCommand() : ListCommand("host-list", "List the site's hosts and their states.")
{
    protected override async Task<BoxTable> ReadAsync(SitePlatform site, CancellationToken cancellationToken) =>
        PlatformTables.Hosts(await site.ListHostsAsync(cancellationToken));
}
