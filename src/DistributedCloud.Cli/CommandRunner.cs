using System.CommandLine;
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
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
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
            await stderr.WriteLineAsync($"dcctl: {ex.Message}");
            return ExitCodes.Usage;
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
}
