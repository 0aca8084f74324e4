using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl network-addrpool-assign NETWORK POOL</c>: attach a second pool, of the other family.</summary>
public sealed class NetworkAddrpoolAssignCommand : PlatformCommand
{
    private readonly Argument<string> _network = new("NETWORK") { Description = "The network's name or uuid." };
    private readonly Argument<string> _pool = new("POOL") { Description = "The pool's name or uuid." };

    public NetworkAddrpoolAssignCommand()
        : base("network-addrpool-assign", "Attach an address pool to a network (its secondary, of the other family).")
    {
        Arguments.Add(_network);
        Arguments.Add(_pool);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var row = await site.AssignNetworkAddressPoolAsync(parseResult.GetValue(_network)!, parseResult.GetValue(_pool)!, cancellationToken);
        await TableOutput.WritePropertiesAsync(output, PlatformTables.NetworkPool(row));
        return ExitCodes.Success;
    }
}
