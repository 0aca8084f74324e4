namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>Runs dcctl's command line in process, as Program does, capturing stdout, stderr and the exit code.</summary>
public static class Dcctl
{
    public sealed record Result(int Code, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandRunner.RunAsync(new DcctlRootCommand(), args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
