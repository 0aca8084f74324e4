using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud list</c></summary>
public sealed class SubcloudListCommand() : ControllerCommand("list", "List the subclouds: management, availability, sync, family and network mode.")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var response = await controller.CallAsync((c, o) => c.ListSubcloudsAsync(new ListSubcloudsRequest(), o), cancellationToken);
        await TableOutput.WriteListAsync(output, SubcloudTables.Subclouds(response.Subclouds));
        return ExitCodes.Success;
    }
}
