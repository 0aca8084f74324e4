using System.CommandLine;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud delete NAME [--force]</c>: needs unmanaged and offline unless forced (D-4).</summary>
public sealed class SubcloudDeleteCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The subcloud's name." };
    private readonly Option<bool> _force = new("--force") { Description = "Delete even when managed or online (D-4)." };

    public SubcloudDeleteCommand()
        : base("delete", "Remove a subcloud from the controller (the site itself is not touched).")
    {
        Arguments.Add(_name);
        Options.Add(_force);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deleted = await controller.CallAsync((c, o) => c.DeleteSubcloudAsync(new DeleteSubcloudRequest { Name = parseResult.GetValue(_name)!, Force = parseResult.GetValue(_force) }, o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteLineAsync($"Deleted subcloud: {deleted.Name}");
        }
        else
        {
            await output.WriteDocumentAsync(new JsonObject { ["name"] = deleted.Name });
        }

        return ExitCodes.Success;
    }
}
