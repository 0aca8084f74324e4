using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DistributedCloud.Cli.Controller;

/// <summary>
/// Reads options inside a command validator from the tokens typed, never from converted values: a value that does
/// not convert would throw there. System.CommandLine stops at the first validator that reports a problem, so a
/// validator checks required options and choices itself and the operator gets every problem in one go.
/// </summary>
public static class OptionChecks
{
    /// <summary>The value typed for the option (the last, when repeated); null when the option was not given.</summary>
    public static string? Text(CommandResult result, Option option)
    {
        ArgumentNullException.ThrowIfNull(result);
        var given = result.GetResult(option);
        return given is null || given.Implicit ? null : given.Tokens.Count == 0 ? string.Empty : given.Tokens[^1].Value;
    }

    public static bool Given(CommandResult result, Option option) => Text(result, option) is not null;

    /// <summary>The whole number typed, or null when not given or not a number (the parser reports that one).</summary>
    public static int? Integer(CommandResult result, Option option) =>
        int.TryParse(Text(result, option), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static void Required(CommandResult result, Option option, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!Given(result, option))
        {
            problems.Add($"{option.Name} is required: {option.Description}");
        }
    }

    public static void Choice(CommandResult result, Option option, IReadOnlyCollection<string> allowed, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Text(result, option) is { } text && !allowed.Contains(text))
        {
            problems.Add($"{option.Name} '{text}' is not one of {string.Join(", ", allowed)}");
        }
    }

    /// <summary>Reports the problems on the command result, where the parser lists them with its own.</summary>
    public static void Report(CommandResult result, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            result.AddError(problem);
        }
    }
}
