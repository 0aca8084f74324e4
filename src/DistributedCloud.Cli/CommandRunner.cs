using System.CommandLine;
using System.CommandLine.Parsing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Cli;

/// <summary>
/// Parses and invokes a command line, mapping every outcome to one of <see cref="ExitCodes"/> in one place:
/// a usage problem is 2, a domain refusal is 1, and nothing escapes as an unhandled crash.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        var result = root.Parse(args);
        var unknownOptions = UnknownOptions(result);
        if (result.Errors.Count > 0 || unknownOptions.Count > 0)
        {
            var command = string.Join(' ', result.Tokens.Where(t => t.Type == TokenType.Command).Select(t => t.Value).Prepend("dcctl"));
            foreach (var option in unknownOptions)
            {
                await stderr.WriteLineAsync($"dcctl: unknown option '{option}' for '{command}'; run '{command} --help' to see its options");
            }

            // An unknown option takes the place of an argument, so the parser blames the argument after it: that
            // error only restates the unknown option, leave it out.
            var restated = unknownOptions.Count == 0 ? [] : result.UnmatchedTokens.Select(t => $"'{t}'").ToArray();
            foreach (var error in result.Errors.Where(e => !restated.Any(t => e.Message.Contains(t, StringComparison.Ordinal))))
            {
                await stderr.WriteLineAsync($"dcctl: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'dcctl --help' (or the command with --help) for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            foreach (var problem in ex.Problems)
            {
                await stderr.WriteLineAsync($"dcctl: {problem}");
            }

            return ExitCodes.Usage;
        }
        catch (Grpc.Core.RpcException ex)
        {
            return await Platform.RpcFailureReport.WriteAsync(ex, stderr);
        }
        catch (DomainException ex)
        {
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync($"dcctl: {error}");
            }

            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not the operator's fault: say so plainly instead of dumping a stack trace.
            await stderr.WriteLineAsync($"dcctl: unexpected internal error ({ex.GetType().Name}): {ex.Message}; please report it with the command line used");
            return ExitCodes.Refused;
        }
    }

    /// <summary>
    /// Tokens that look like options (<c>--name</c>, <c>-x</c>) but that no option of the command matched. The parser
    /// takes such a token as an argument's value, so without this check <c>--bogus x.yaml</c> reads '--bogus' as the
    /// file and reports 'x.yaml' as the stray token. Values after <c>--</c>, <c>-</c> (standard input) and negative
    /// numbers are arguments.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult result)
    {
        var unknown = new List<string>();
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            var value = token.Value;
            if (token.Type == TokenType.Argument && value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.')
            {
                unknown.Add(value.Split('=')[0]);
            }
        }

        return unknown;
    }
}
