using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>A subcloud command on one subcloud by name that answers with the subcloud (show, manage, unmanage).</summary>
public abstract class SubcloudNameCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The subcloud's name." };

    protected SubcloudNameCommand(string name, string description)
        : base(name, description)
    {
        Arguments.Add(_name);
    }

    protected abstract Task<Subcloud> CallAsync(ControllerClient controller, string name, ParseResult parseResult, CancellationToken cancellationToken);

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var subcloud = await CallAsync(controller, parseResult.GetValue(_name)!, parseResult, cancellationToken);
        await TableOutput.WritePropertiesAsync(output, SubcloudTables.Subcloud(subcloud));
        return ExitCodes.Success;
    }
}
