using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud unmanage NAME</c>: every endpoint's sync becomes unknown (D-3).</summary>
public sealed class SubcloudUnmanageCommand() : SubcloudNameCommand("unmanage", "Take a subcloud out of management.")
{
    protected override Task<Subcloud> CallAsync(ControllerClient controller, string name, ParseResult parseResult, CancellationToken cancellationToken) =>
        controller.CallAsync((c, o) => c.UnmanageSubcloudAsync(new UnmanageSubcloudRequest { Name = name }, o), cancellationToken);
}
