using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// <c>dcctl subcloud-group update GROUP [--name N] [--description D] [--update-apply-type T] [--max-parallel-subclouds N]</c>:
/// only the options given change (the request's update mask).
/// </summary>
public sealed class SubcloudGroupUpdateCommand : ControllerCommand
{
    private readonly Argument<string> _group = new("GROUP") { Description = "The group's name or id." };
    private readonly Option<string?> _name = new("--name") { Description = "A new name (the Default group keeps its name, D-10)." };
    private readonly GroupOptions _options = new();

    public SubcloudGroupUpdateCommand()
        : base("update", "Change a subcloud group; only the options given change.")
    {
        Arguments.Add(_group);
        Options.Add(_name);
        _options.AddTo(this);
        Validators.Add(result =>
        {
            var problems = _options.Problems(result);
            if (!new Option[] { _name, _options.Description, _options.ApplyType, _options.MaxParallel }.Any(o => OptionChecks.Given(result, o)))
            {
                problems.Add("subcloud-group update changes nothing without an option; give at least one of --name, --description, --update-apply-type, --max-parallel-subclouds");
            }

            OptionChecks.Report(result, problems);
        });
    }

    /// <summary>The request with its update mask: the paths of the options given, nothing else.</summary>
    public UpdateSubcloudGroupRequest Request(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var (name, options, group) = (_name, _options, parseResult.GetValue(_group)!);
        var request = new UpdateSubcloudGroupRequest { Group = group, UpdateMask = new() };
        if (parseResult.GetResult(name) is not null)
        {
            request.Name = parseResult.GetValue(name) ?? string.Empty;
            request.UpdateMask.Paths.Add("name");
        }

        if (parseResult.GetResult(options.Description) is not null)
        {
            request.Description = parseResult.GetValue(options.Description) ?? string.Empty;
            request.UpdateMask.Paths.Add("description");
        }

        if (parseResult.GetResult(options.ApplyType) is not null)
        {
            request.UpdateApplyType = ControllerText.ParseApplyType(parseResult.GetValue(options.ApplyType));
            request.UpdateMask.Paths.Add("update_apply_type");
        }

        if (parseResult.GetValue(options.MaxParallel) is { } max)
        {
            request.MaxParallelSubclouds = (uint)max;
            request.UpdateMask.Paths.Add("max_parallel_subclouds");
        }

        return request;
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = Request(parseResult);
        var group = await controller.CallAsync((c, o) => c.UpdateSubcloudGroupAsync(request, o), cancellationToken);
        await TableOutput.WritePropertiesAsync(output, SubcloudTables.Group(group));
        return ExitCodes.Success;
    }
}
