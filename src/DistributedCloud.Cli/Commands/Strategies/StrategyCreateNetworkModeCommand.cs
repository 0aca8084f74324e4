using System.CommandLine;
using System.CommandLine.Parsing;
using DistributedCloud.Cli.Commands.Subclouds;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>
/// <c>dcctl strategy create network-mode --target dual-stack|single-stack [--networks a,b] [--secondary-subnets FILE]
/// [--group G | --subclouds A,B] [--subcloud-apply-type serial|parallel] [--max-parallel-subclouds N] [--stop-on-failure]</c>.
/// Prints the plan the controller computed (D-12), as <c>strategy show</c> does.
/// </summary>
public sealed class StrategyCreateNetworkModeCommand : ControllerCommand
{
    private readonly Option<string?> _target = new("--target") { Description = "dual-stack or single-stack: the network mode the subclouds end in." };
    private readonly Option<string?> _networks = new("--networks") { Description = "Only these networks (oam,cluster-host,...); default: every network the secondary subnets name." };
    private readonly Option<string?> _secondarySubnets = new("--secondary-subnets") { Description = "YAML: subcloud name (or default) to bootstrap keys with the secondary family's values." };
    private readonly Option<string?> _group = new("--group") { Description = "Target this subcloud group (not with --subclouds)." };
    private readonly Option<string?> _subclouds = new("--subclouds") { Description = "Target these subclouds, A,B (not with --group)." };
    private readonly Option<string?> _applyType = new("--subcloud-apply-type") { Description = "serial or parallel (default parallel)." };
    private readonly Option<int?> _maxParallel = new("--max-parallel-subclouds") { Description = $"At most this many subclouds at once, 1..{GroupOptions.MaxParallelLimit} (default 2; serial: 1)." };
    private readonly Option<bool> _stopOnFailure = new("--stop-on-failure") { Description = "The first failed subcloud fails the strategy; no new subcloud starts (D-16)." };

    public StrategyCreateNetworkModeCommand()
        : base("network-mode", "Plan switching subclouds between single-stack and dual-stack (D-12, D-13).")
    {
        foreach (var option in new Option[] { _target, _networks, _secondarySubnets, _group, _subclouds, _applyType, _maxParallel, _stopOnFailure })
        {
            Options.Add(option);
        }

        Validators.Add(Validate);
    }

    /// <summary>Every problem of the option combination (D-13), each said once; checked before any file is read or call made.</summary>
    public void Validate(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        OptionChecks.Required(result, _target, problems);
        OptionChecks.Choice(result, _target, ["dual-stack", "single-stack"], problems);
        OptionChecks.Choice(result, _applyType, ["serial", "parallel"], problems);
        if (OptionChecks.Given(result, _group) && OptionChecks.Given(result, _subclouds))
        {
            problems.Add("--group and --subclouds both choose the subclouds; give one of them (D-13)");
        }

        var maxParallel = OptionChecks.Integer(result, _maxParallel);
        if (GroupOptions.MaxParallelProblem(maxParallel) is { } range)
        {
            problems.Add(range);
        }

        if (OptionChecks.Text(result, _applyType) == "serial" && maxParallel is > 1)
        {
            problems.Add($"--subcloud-apply-type serial runs one subcloud at a time; --max-parallel-subclouds {maxParallel} contradicts it (give 1 or leave it out, D-13)");
        }

        if (OptionChecks.Text(result, _target) == "dual-stack" && !OptionChecks.Given(result, _secondarySubnets))
        {
            problems.Add("--target dual-stack needs --secondary-subnets FILE: the secondary family's subnets and addresses (D-13)");
        }

        problems.AddRange(ListText.Problems("--subclouds", OptionChecks.Text(result, _subclouds)));
        problems.AddRange(ListText.Problems("--networks", OptionChecks.Text(result, _networks)));
        OptionChecks.Report(result, problems);
    }

    /// <summary>The request the options describe; reads the secondary-subnets file.</summary>
    public CreateStrategyRequest Request(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var parameters = new NetworkModeParameters
        {
            Target = parseResult.GetValue(_target) == "dual-stack" ? NetworkMode.DualStack : NetworkMode.SingleStack,
        };
        parameters.Networks.AddRange(ListText.Split(parseResult.GetValue(_networks)));
        if (parseResult.GetValue(_secondarySubnets) is { } file)
        {
            foreach (var (name, values) in SecondarySubnetsFile.Read(file))
            {
                parameters.SecondarySubnets[name] = values;
            }
        }

        var request = new CreateStrategyRequest
        {
            Type = StrategyType.NetworkMode,
            SubcloudApplyType = ControllerText.ParseApplyType(parseResult.GetValue(_applyType)),
            MaxParallelSubclouds = (uint)(parseResult.GetValue(_maxParallel) ?? 0),
            StopOnFailure = parseResult.GetValue(_stopOnFailure),
            NetworkMode = parameters,
        };
        if (parseResult.GetValue(_group) is { } group)
        {
            request.Group = group;
        }
        else if (parseResult.GetValue(_subclouds) is { } subclouds)
        {
            request.Subclouds = new SubcloudList();
            request.Subclouds.Names.AddRange(ListText.Split(subclouds));
        }

        return request;
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var strategy = await controller.CallAsync((c, o) => c.CreateStrategyAsync(Request(parseResult), o), cancellationToken);
        await StrategyView.WriteAsync(output, strategy, details: false);
        return ExitCodes.Success;
    }
}
