using System.CommandLine;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud-group delete GROUP</c>: not Default, not while it has subclouds (D-10).</summary>
public sealed class SubcloudGroupDeleteCommand : ControllerCommand
{
    private readonly Argument<string> _group = new("GROUP") { Description = "The group's name or id." };

    public SubcloudGroupDeleteCommand()
        : base("delete", "Delete an empty subcloud group.")
    {
        Arguments.Add(_group);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deleted = await controller.CallAsync((c, o) => c.DeleteSubcloudGroupAsync(new DeleteSubcloudGroupRequest { Group = parseResult.GetValue(_group)! }, o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteLineAsync($"Deleted subcloud group: {deleted.Name}");
        }
        else
        {
            await output.WriteDocumentAsync(new JsonObject { ["name"] = deleted.Name });
        }

        return ExitCodes.Success;
    }
}
