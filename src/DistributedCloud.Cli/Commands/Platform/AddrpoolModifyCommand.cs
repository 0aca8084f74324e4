using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl addrpool-modify NAME_OR_UUID [options]</c>: only the options given change.</summary>
public sealed class AddrpoolModifyCommand : PlatformCommand
{
    private readonly Argument<string> _pool = new("NAME_OR_UUID") { Description = "The pool to change." };
    private readonly Option<string?> _name = new("--name") { Description = "A new name." };
    private readonly Option<string?> _network = new("--network") { Description = "A new network address (same family)." };
    private readonly Option<string?> _prefix = new("--prefix") { Description = "A new prefix length." };
    private readonly PoolOptions _options = new();

    public AddrpoolModifyCommand()
        : base("addrpool-modify", "Change an address pool; an empty address option (\"\") clears that address.")
    {
        Arguments.Add(_pool);
        Options.Add(_name);
        Options.Add(_network);
        Options.Add(_prefix);
        _options.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new ModifyAddressPoolRequest { Pool = parseResult.GetValue(_pool)!, UpdateMask = new() };
        void Set(Option<string?> option, string path, Action<string> apply)
        {
            if (parseResult.GetResult(option) is not null)
            {
                apply(parseResult.GetValue(option) ?? string.Empty);
                request.UpdateMask.Paths.Add(path);
            }
        }

        Set(_name, "name", v => request.Name = v);
        Set(_network, "network", v => request.Network = v);
        Set(_prefix, "prefix", v => request.Prefix = PoolOptions.ParsePrefix(v, "--prefix"));
        Set(_options.Order, "order", v => request.Order = PoolOptions.ParseOrder(v));
        Set(_options.Ranges, "ranges", v => request.Ranges.AddRange(PoolOptions.ParseRanges(v)));
        Set(_options.Floating, "floating_address", v => request.FloatingAddress = v);
        Set(_options.Controller0, "controller0_address", v => request.Controller0Address = v);
        Set(_options.Controller1, "controller1_address", v => request.Controller1Address = v);
        Set(_options.Gateway, "gateway_address", v => request.GatewayAddress = v);
        if (request.UpdateMask.Paths.Count == 0)
        {
            throw new UsageException("addrpool-modify changes nothing without an option; give at least one of --name, --network, --prefix, --order, --ranges or an address option");
        }

        await TableOutput.WritePropertiesAsync(output, PlatformTables.Pool(await site.ModifyAddressPoolAsync(request, cancellationToken)));
        return ExitCodes.Success;
    }
}
