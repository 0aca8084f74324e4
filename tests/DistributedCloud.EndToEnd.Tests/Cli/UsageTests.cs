using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Cli;

public sealed class UsageTests
{
    [Fact]
    public async Task Unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var result = await Dcctl.RunAsync("no-such-command");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no-such-command", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task Unknown_output_format_is_a_usage_error()
    {
        var result = await Dcctl.RunAsync("k8s", "-o", "xml");
        Assert.True(result.ExitCode == 2, result.ToString());
    }
}
