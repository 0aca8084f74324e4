using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl addrpool-delete NAME_OR_UUID</c></summary>
public sealed class AddrpoolDeleteCommand : PlatformCommand
{
    private readonly Argument<string> _pool = new("NAME_OR_UUID") { Description = "The pool to delete." };

    public AddrpoolDeleteCommand()
        : base("addrpool-delete", "Delete an address pool (a network's primary pool cannot be deleted, N-12).")
    {
        Arguments.Add(_pool);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var uuid = await site.DeleteAddressPoolAsync(parseResult.GetValue(_pool)!, cancellationToken);
        await Removed.WriteAsync(output, "Deleted address pool", uuid);
        return ExitCodes.Success;
    }
}
