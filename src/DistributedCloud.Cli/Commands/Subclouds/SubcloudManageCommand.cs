using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud manage NAME [--force]</c>: needs deploy status complete and online unless forced (D-3).</summary>
public sealed class SubcloudManageCommand : SubcloudNameCommand
{
    private readonly Option<bool> _force = new("--force") { Description = "Manage even when not complete and online (D-3)." };

    public SubcloudManageCommand()
        : base("manage", "Put a subcloud under management (audited, synchronised, targeted by strategies).")
    {
        Options.Add(_force);
    }

    protected override Task<Subcloud> CallAsync(ControllerClient controller, string name, ParseResult parseResult, CancellationToken cancellationToken) =>
        controller.CallAsync((c, o) => c.ManageSubcloudAsync(new ManageSubcloudRequest { Name = name, Force = parseResult.GetValue(_force) }, o), cancellationToken);
}
