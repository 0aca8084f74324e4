using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>dcctl subcloud-group add NAME [--description D] [--update-apply-type serial|parallel] [--max-parallel-subclouds N]</c></summary>
public sealed class SubcloudGroupAddCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The group's name (unique)." };
    private readonly GroupOptions _options = new();

    public SubcloudGroupAddCommand()
        : base("add", "Create a subcloud group.")
    {
        Arguments.Add(_name);
        _options.AddTo(this);
        Validators.Add(result => OptionChecks.Report(result, _options.Problems(result)));
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new AddSubcloudGroupRequest
        {
            Name = parseResult.GetValue(_name)!,
            Description = parseResult.GetValue(_options.Description) ?? string.Empty,
            UpdateApplyType = ControllerText.ParseApplyType(parseResult.GetValue(_options.ApplyType)),
            MaxParallelSubclouds = (uint)(parseResult.GetValue(_options.MaxParallel) ?? 0),
        };
        var group = await controller.CallAsync((c, o) => c.AddSubcloudGroupAsync(request, o), cancellationToken);
        await TableOutput.WritePropertiesAsync(output, SubcloudTables.Group(group));
        return ExitCodes.Success;
    }
}
