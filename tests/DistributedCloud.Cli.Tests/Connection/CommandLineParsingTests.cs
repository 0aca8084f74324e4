using DistributedCloud.Cli.Tests.Infrastructure;

namespace DistributedCloud.Cli.Tests.Connection;

/// <summary>Every distributed-cloud command line of cli.md parses; wrong ones are usage errors listing every problem.</summary>
public sealed class CommandLineParsingTests
{
    [Theory]
    [InlineData("subcloud add subcloud1 --bootstrap b.yaml --agent-address 2001:db8::2 --port 50052 --group edge --release 25.09 --description d --location l")]
    [InlineData("subcloud list")]
    [InlineData("subcloud show subcloud1")]
    [InlineData("subcloud manage subcloud1 --force")]
    [InlineData("subcloud unmanage subcloud1")]
    [InlineData("subcloud delete subcloud1 --force")]
    [InlineData("subcloud-group add edge --description d --update-apply-type serial --max-parallel-subclouds 1")]
    [InlineData("subcloud-group list")]
    [InlineData("subcloud-group show edge")]
    [InlineData("subcloud-group update edge --name edge2 --max-parallel-subclouds 10")]
    [InlineData("subcloud-group delete edge")]
    [InlineData("strategy create network-mode --target dual-stack --networks oam,cluster-host --secondary-subnets s.yaml --group edge --subcloud-apply-type parallel --max-parallel-subclouds 4 --stop-on-failure")]
    [InlineData("strategy create network-mode --target single-stack --subclouds a,b --subcloud-apply-type serial --max-parallel-subclouds 1")]
    [InlineData("strategy show --details")]
    [InlineData("strategy apply --no-wait")]
    [InlineData("strategy abort")]
    [InlineData("strategy delete")]
    [InlineData("alarm-list --subcloud subcloud1")]
    [InlineData("-o json --controller http://[::1]:50051 subcloud list")]
    public void The_commands_of_the_contract_parse(string line)
    {
        var parse = new DcctlRootCommand().Parse(line.Split(' '));
        Assert.Empty(parse.Errors);
    }

    [Theory]
    [InlineData("strategy create network-mode --target dual-stack --secondary-subnets s.yaml --group g --subclouds a,b", "--group and --subclouds")]
    [InlineData("strategy create network-mode --target single-stack --max-parallel-subclouds 0", "--max-parallel-subclouds 0 is out of range")]
    [InlineData("strategy create network-mode --target single-stack --max-parallel-subclouds 5001", "--max-parallel-subclouds 5001 is out of range")]
    [InlineData("strategy create network-mode --target single-stack --subcloud-apply-type serial --max-parallel-subclouds 2", "serial runs one subcloud at a time")]
    [InlineData("strategy create network-mode --target dual-stack", "--target dual-stack needs --secondary-subnets")]
    [InlineData("strategy create network-mode --target both", "--target 'both' is not one of dual-stack, single-stack")]
    [InlineData("strategy create network-mode", "--target is required")]
    [InlineData("strategy create network-mode --target single-stack --subclouds a,,b", "--subclouds 'a,,b' has an empty entry")]
    [InlineData("strategy create network-mode --target single-stack --networks oam,oam", "--networks names 'oam' more than once")]
    [InlineData("subcloud add s1 --agent-address 2001:db8::2", "--bootstrap is required")]
    [InlineData("subcloud add s1 --bootstrap b.yaml --agent-address 2001:db8::2 --port 70000", "--port 70000 is not a port")]
    [InlineData("subcloud-group add g --max-parallel-subclouds 0", "--max-parallel-subclouds 0 is out of range")]
    [InlineData("subcloud-group add g --update-apply-type sometimes", "--update-apply-type 'sometimes' is not one of serial, parallel")]
    [InlineData("subcloud-group update g", "changes nothing without an option")]
    public async Task Invalid_command_lines_are_usage_errors_before_any_call_D13(string line, string problem)
    {
        await using var server = await StandInServer.StartAsync();
        var result = await Dcctl.RunAsync(["--controller", server.Address, .. line.Split(' ')]);
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.Empty(server.Controller.Requests);
    }

    [Fact]
    public async Task Every_problem_of_a_strategy_command_line_is_listed_at_once_D13()
    {
        var result = await Dcctl.RunAsync("strategy", "create", "network-mode", "--target", "dual-stack", "--group", "g", "--subclouds", "a,a",
            "--subcloud-apply-type", "serial", "--max-parallel-subclouds", "6000");
        Assert.Equal(ExitCodes.Usage, result.Code);
        string[] expected =
        [
            "--group and --subclouds", "--max-parallel-subclouds 6000 is out of range", "serial runs one subcloud at a time",
            "--target dual-stack needs --secondary-subnets", "--subclouds names 'a' more than once",
        ];
        foreach (var problem in expected)
        {
            Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subcloud_add_lists_every_missing_option_and_the_bad_port_together()
    {
        var result = await Dcctl.RunAsync("subcloud", "add", "s1", "--port", "0");
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("--bootstrap is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("--agent-address is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("--port 0 is not a port", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bootstrap_file_is_a_usage_error_naming_the_file_and_nothing_is_sent()
    {
        await using var server = await StandInServer.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"dcctl-{Guid.NewGuid():N}", "bootstrap.yaml");
        var result = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "add", "s1", "--bootstrap", missing, "--agent-address", "2001:db8::2");
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains($"bootstrap file '{missing}' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Controller.Requests);
    }

    [Fact]
    public async Task Subcloud_commands_refuse_the_agent_option()
    {
        var result = await Dcctl.RunAsync("--agent", "http://198.18.0.2:50052", "strategy", "show");
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("'strategy show' is answered by the system controller", result.Error, StringComparison.Ordinal);
    }
}
