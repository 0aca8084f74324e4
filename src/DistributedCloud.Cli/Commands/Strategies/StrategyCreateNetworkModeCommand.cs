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
    private readonly Option<string> _target = CreateChoice("--target", "dual-stack or single-stack: the network mode the subclouds end in.", true, "dual-stack", "single-stack");
    private readonly Option<string?> _networks = new("--networks") { Description = "Only these networks (oam,cluster-host,...); default: every network the secondary subnets name." };
    private readonly Option<string?> _secondarySubnets = new("--secondary-subnets") { Description = "YAML: subcloud name (or default) to bootstrap keys with the secondary family's values." };
    private readonly Option<string?> _group = new("--group") { Description = "Target this subcloud group (not with --subclouds)." };
    private readonly Option<string?> _subclouds = new("--subclouds") { Description = "Target these subclouds, A,B (not with --group)." };
    private readonly Option<string> _applyType = CreateChoice("--subcloud-apply-type", "serial or parallel (default parallel).", false, "serial", "parallel");
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
        if (result.GetValue(_group) is not null && result.GetValue(_subclouds) is not null)
        {
            result.AddError("--group and --subclouds both choose the subclouds; give one of them (D-13)");
        }

        var maxParallel = result.GetValue(_maxParallel);
        if (GroupOptions.MaxParallelProblem(maxParallel) is { } range)
        {
            result.AddError(range);
        }

        if (result.GetValue(_applyType) == "serial" && maxParallel is > 1)
        {
            result.AddError($"--subcloud-apply-type serial runs one subcloud at a time; --max-parallel-subclouds {maxParallel} contradicts it (give 1 or leave it out, D-13)");
        }

        if (result.GetValue(_target) == "dual-stack" && result.GetValue(_secondarySubnets) is null)
        {
            result.AddError("--target dual-stack needs --secondary-subnets FILE: the secondary family's subnets and addresses (D-13)");
        }

        foreach (var problem in ListText.Problems("--subclouds", result.GetValue(_subclouds)).Concat(ListText.Problems("--networks", result.GetValue(_networks))))
        {
            result.AddError(problem);
        }
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
        var strategy = await controller.CallAsync<CreateStrategyRequest, Strategy>("CreateStrategy", Request(parseResult), cancellationToken);
        await StrategyView.WriteAsync(output, strategy, details: false);
        return ExitCodes.Success;
    }

    private static Option<string> CreateChoice(string name, string description, bool required, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, Required = required };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
