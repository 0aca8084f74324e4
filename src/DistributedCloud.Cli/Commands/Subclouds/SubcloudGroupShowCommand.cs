using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud-group show GROUP</c></summary>
public sealed class SubcloudGroupShowCommand : ControllerCommand
{
    private readonly Argument<string> _group = new("GROUP") { Description = "The group's name or id." };

    public SubcloudGroupShowCommand()
        : base("show", "Show one subcloud group and its subclouds.")
    {
        Arguments.Add(_group);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var group = await controller.CallAsync((c, o) => c.GetSubcloudGroupAsync(new GetSubcloudGroupRequest { Name = parseResult.GetValue(_group)! }, o), cancellationToken);
        await TableOutput.WritePropertiesAsync(output, SubcloudTables.Group(group));
        return ExitCodes.Success;
    }
}
