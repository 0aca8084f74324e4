using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud-group list</c></summary>
public sealed class SubcloudGroupListCommand() : ControllerCommand("list", "List the subcloud groups.")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var response = await controller.CallAsync((c, o) => c.ListSubcloudGroupsAsync(new ListSubcloudGroupsRequest(), o), cancellationToken);
        await TableOutput.WriteListAsync(output, SubcloudTables.Groups(response.Groups));
        return ExitCodes.Success;
    }
}
