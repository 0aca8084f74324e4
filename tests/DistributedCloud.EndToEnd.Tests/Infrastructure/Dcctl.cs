using System.Diagnostics;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>The result of one real dcctl process.</summary>
public sealed record DcctlResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the built dcctl as a separate process, exactly as an operator or a script would.</summary>
public static class Dcctl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "dcctl.dll");

    public static async Task<DcctlResult> RunAsync(params string[] args) => await RunInAsync(null, args);

    public static async Task<DcctlResult> RunInAsync(string? workingDirectory, params string[] args) =>
        await RunWithinAsync(Timeout, workingDirectory, args);

    /// <summary>Runs dcctl and fails with a <see cref="TimeoutException"/> (the process killed) if it takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<DcctlResult> RunWithinAsync(TimeSpan timeout, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The server a test names is a process of the test: dcctl gets the configuration that process wrote (its CA and
        // bootstrap token), as an operator would, unless the test gives credentials itself.
        if (!args.Any(a => a is "--config" or "--token") && ServerOf(args) is { } server && SiteHostProcess.ConfigFor(server) is { } config)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(config);
        }

        // Keep the CLI's output plain and stable whatever terminal the tests run in.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(start, timeout, $"dcctl {string.Join(' ', args)}");
        return new DcctlResult(exitCode, stdout, stderr);
    }

    private static string? ServerOf(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] is "--controller" or "--agent")
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
