using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl addrpool-show NAME_OR_UUID</c></summary>
public sealed class AddrpoolShowCommand : PlatformCommand
{
    private readonly Argument<string> _pool = new("NAME_OR_UUID") { Description = "The pool's name or uuid." };

    public AddrpoolShowCommand()
        : base("addrpool-show", "Show one address pool.")
    {
        Arguments.Add(_pool);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await TableOutput.WritePropertiesAsync(output, PlatformTables.Pool(await site.ShowAddressPoolAsync(parseResult.GetValue(_pool)!, cancellationToken)));
        return ExitCodes.Success;
    }
}
