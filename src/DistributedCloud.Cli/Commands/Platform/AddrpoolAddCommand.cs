using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl addrpool-add NAME NETWORK PREFIX [options]</c></summary>
public sealed class AddrpoolAddCommand : PlatformCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The pool's name, such as oam-ipv4." };
    private readonly Argument<string> _network = new("NETWORK") { Description = "The network address, such as 10.10.204.0 or fd00::." };
    private readonly Argument<string> _prefix = new("PREFIX") { Description = "The prefix length, such as 24 or 64." };
    private readonly PoolOptions _options = new();

    public AddrpoolAddCommand()
        : base("addrpool-add", "Create an address pool (attach it to a network with network-addrpool-assign).")
    {
        Arguments.Add(_name);
        Arguments.Add(_network);
        Arguments.Add(_prefix);
        _options.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new AddAddressPoolRequest
        {
            Name = parseResult.GetValue(_name)!,
            Network = parseResult.GetValue(_network)!,
            Prefix = PoolOptions.ParsePrefix(parseResult.GetValue(_prefix)!, "PREFIX"),
            Order = PoolOptions.ParseOrder(parseResult.GetValue(_options.Order)),
            FloatingAddress = parseResult.GetValue(_options.Floating) ?? string.Empty,
            Controller0Address = parseResult.GetValue(_options.Controller0) ?? string.Empty,
            Controller1Address = parseResult.GetValue(_options.Controller1) ?? string.Empty,
            GatewayAddress = parseResult.GetValue(_options.Gateway) ?? string.Empty,
        };
        request.Ranges.AddRange(PoolOptions.ParseRanges(parseResult.GetValue(_options.Ranges)));
        await TableOutput.WritePropertiesAsync(output, PlatformTables.Pool(await site.AddAddressPoolAsync(request, cancellationToken)));
        return ExitCodes.Success;
    }
}
