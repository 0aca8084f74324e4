using System.CommandLine;
using System.CommandLine.Parsing;
using DistributedCloud.Cli.Controller;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>The options subcloud-group add and update share (D-10), one set per command.</summary>
public sealed class GroupOptions
{
    public const int MaxParallelLimit = 5000;

    public Option<string?> Description { get; } = new("--description") { Description = "Free text." };

    public Option<string?> ApplyType { get; } = new("--update-apply-type") { Description = "serial or parallel." };

    public Option<int?> MaxParallel { get; } = new("--max-parallel-subclouds") { Description = $"How many of the group's subclouds a strategy runs at once (1..{MaxParallelLimit})." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Description);
        command.Options.Add(ApplyType);
        command.Options.Add(MaxParallel);
    }

    /// <summary>The range check of D-10 and D-13, shared with strategy create.</summary>
    public static string? MaxParallelProblem(int? value) =>
        value is { } n && n is < 1 or > MaxParallelLimit ? $"--max-parallel-subclouds {n} is out of range; give 1..{MaxParallelLimit} (D-13)" : null;

    /// <summary>The problems of these options as typed (a validator of the command reports them with its own).</summary>
    public List<string> Problems(CommandResult result)
    {
        var problems = new List<string>();
        OptionChecks.Choice(result, ApplyType, ["serial", "parallel"], problems);
        if (MaxParallelProblem(OptionChecks.Integer(result, MaxParallel)) is { } range)
        {
            problems.Add(range);
        }

        return problems;
    }
}
