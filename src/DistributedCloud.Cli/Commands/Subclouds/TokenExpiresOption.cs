using System.CommandLine;
using DistributedCloud.Cli.Controller;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary><c>--token-expires DURATION</c> of <c>subcloud add</c> and <c>subcloud enroll</c>: the join token's lifetime (S-2).</summary>
public static class TokenExpiresOption
{
    public static Option<string?> Create() => new("--token-expires")
    {
        Description = "How long the join token stays usable, e.g. 2h or 7d (default: the controller's, 24h; at most 30d).",
    };

    /// <summary>Adds a problem when the value typed is not a positive duration.</summary>
    public static void Check(System.CommandLine.Parsing.CommandResult result, Option<string?> option, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (OptionChecks.Text(result, option) is { } text && (!DurationText.TryParse(text, out var lifetime) || lifetime <= TimeSpan.Zero))
        {
            problems.Add($"--token-expires '{text}' is not a positive duration; give e.g. 30m, 2h or 7d");
        }
    }

    /// <summary>The lifetime to send; null: the controller's default.</summary>
    public static Duration? Value(ParseResult parseResult, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(option) is { } text && DurationText.TryParse(text, out var lifetime) ? Duration.FromTimeSpan(lifetime) : null;
    }
}
