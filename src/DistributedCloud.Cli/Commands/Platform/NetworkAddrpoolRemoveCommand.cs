using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl network-addrpool-remove UUID</c>: detach a network's secondary pool.</summary>
public sealed class NetworkAddrpoolRemoveCommand : PlatformCommand
{
    private readonly Argument<string> _uuid = new("UUID") { Description = "The uuid of the network-addrpool row (network-addrpool-list)." };

    public NetworkAddrpoolRemoveCommand()
        : base("network-addrpool-remove", "Detach a secondary pool from its network (the primary is never removed, N-15).")
    {
        Arguments.Add(_uuid);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var uuid = parseResult.GetValue(_uuid);
        if (string.IsNullOrWhiteSpace(uuid))
        {
            // The seed's DEL=$(... | awk ...) gives an empty argument when no row matched.
            throw new UsageException("network-addrpool-remove needs the uuid of a network-addrpool row; 'network-addrpool-list' shows them");
        }

        await Removed.WriteAsync(output, "Removed network address pool", await site.RemoveNetworkAddressPoolAsync(uuid, cancellationToken));
        return ExitCodes.Success;
    }
}
