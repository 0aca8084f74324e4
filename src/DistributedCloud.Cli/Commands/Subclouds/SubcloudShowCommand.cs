using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud show NAME</c></summary>
public sealed class SubcloudShowCommand() : SubcloudNameCommand("show", "Show one subcloud: its record, subnets and per-endpoint sync.")
{
    protected override Task<Subcloud> CallAsync(ControllerClient controller, string name, ParseResult parseResult, CancellationToken cancellationToken) =>
        controller.CallAsync((c, o) => c.GetSubcloudAsync(new GetSubcloudRequest { Name = name }, o), cancellationToken);
}
