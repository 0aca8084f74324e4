using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Tests.Connection;

/// <summary>Where a command goes (cli.md "Global options", D-25): agent, controller, or a subcloud through the controller.</summary>
public sealed class RouteSelectionTests
{
    private static SiteRoute Route(string[] args, params (string Name, string Value)[] environment)
    {
        var parse = new DcctlRootCommand().Parse(args);
        Assert.Empty(parse.Errors);
        return PlatformConnection.Route(parse, name => environment.FirstOrDefault(e => e.Name == name).Value);
    }

    [Fact]
    public void The_configurations_server_is_used_when_no_option_or_variable_names_one_S6()
    {
        var parse = new DcctlRootCommand().Parse(["network-list"]);
        var toController = PlatformConnection.Route(parse, _ => null, new DistributedCloud.Security.Clients.DcctlConfig { Controller = "https://[2001:db8::1]:50051" });
        Assert.Equal(["https://[2001:db8::1]:50051"], toController.Controller!.Addresses);
        Assert.False(toController.Controller.Defaulted);

        var toAgent = PlatformConnection.Route(parse, _ => null, new DistributedCloud.Security.Clients.DcctlConfig { Agent = "https://[2001:db8::2]:50052" });
        Assert.Equal("https://[2001:db8::2]:50052", toAgent.AgentAddress);

        // What the operator typed still wins over the configuration.
        var typed = PlatformConnection.Route(new DcctlRootCommand().Parse(["--controller", "https://198.18.0.1:50051", "network-list"]), _ => null,
            new DistributedCloud.Security.Clients.DcctlConfig { Agent = "https://[2001:db8::2]:50052" });
        Assert.Equal(["https://198.18.0.1:50051"], typed.Controller!.Addresses);
    }

    [Fact]
    public void Agent_option_goes_straight_to_that_agent()
    {
        var route = Route(["--agent", "http://[2001:db8::2]:50052", "network-list"]);
        Assert.True(route.IsAgent);
        Assert.Equal("http://[2001:db8::2]:50052", route.AgentAddress);
    }

    [Fact]
    public void Agent_variable_keeps_single_site_scripts_running_unchanged()
    {
        var route = Route(["network-list"], ("DCCTL_AGENT", "http://198.18.0.2:50052"));
        Assert.Equal("http://198.18.0.2:50052", route.AgentAddress);
    }

    [Fact]
    public void With_nothing_given_the_controller_is_tried_at_ipv6_then_ipv4_loopback()
    {
        var route = Route(["network-list"]);
        Assert.False(route.IsAgent);
        Assert.True(route.Controller!.Defaulted);
        Assert.Equal(["https://[::1]:50051", "https://127.0.0.1:50051"], route.Controller.Addresses);
        Assert.Null(route.Subcloud);
    }

    [Fact]
    public void Controller_variable_replaces_the_defaults()
    {
        var route = Route(["host-list"], ("DCCTL_CONTROLLER", "https://[2001:db8::1]:50051"));
        Assert.Equal(["https://[2001:db8::1]:50051"], route.Controller!.Addresses);
        Assert.False(route.Controller.Defaulted);
    }

    [Fact]
    public void Controller_option_wins_over_the_variables_even_an_agent_one()
    {
        var route = Route(["--controller", "http://198.18.0.1:50051", "host-list"],
            ("DCCTL_CONTROLLER", "http://198.18.0.9:50051"), ("DCCTL_AGENT", "http://198.18.0.2:50052"));
        Assert.False(route.IsAgent);
        Assert.Equal(["http://198.18.0.1:50051"], route.Controller!.Addresses);
    }

    [Fact]
    public void Subcloud_option_goes_through_the_controller_to_that_subcloud_D25()
    {
        var route = Route(["--subcloud", "subcloud1", "network-list"], ("DCCTL_AGENT", "http://198.18.0.2:50052"));
        Assert.False(route.IsAgent);
        Assert.Equal("subcloud1", route.Subcloud);
        Assert.True(route.Controller!.Defaulted);
    }

    [Fact]
    public void Agent_with_subcloud_and_controller_is_refused_naming_both_conflicts()
    {
        var parse = new DcctlRootCommand().Parse(["--agent", "http://198.18.0.2:50052", "--subcloud", "s1", "--controller", "http://198.18.0.1:50051", "network-list"]);
        var ex = Assert.Throws<UsageException>(() => PlatformConnection.Route(parse, _ => null));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("--subcloud", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("--controller", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DCCTL_CONTROLLER", "198.18.0.1:50051")]
    [InlineData("DCCTL_AGENT", "ftp://198.18.0.2")]
    public void A_malformed_address_in_a_variable_is_a_usage_error_naming_the_variable(string variable, string value)
    {
        var parse = new DcctlRootCommand().Parse(["network-list"]);
        var ex = Assert.Throws<UsageException>(() => PlatformConnection.Route(parse, name => name == variable ? value : null));
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Controller_only_commands_ignore_the_agent_variable_but_refuse_the_agent_option()
    {
        var parse = new DcctlRootCommand().Parse(["subcloud", "list"]);
        var endpoints = PlatformConnection.ControllerRoute(parse, name => name == "DCCTL_AGENT" ? "http://198.18.0.2:50052" : null);
        Assert.Equal(ControllerEndpoints.Defaults, endpoints.Addresses);

        var withAgent = new DcctlRootCommand().Parse(["--agent", "http://198.18.0.2:50052", "subcloud", "list"]);
        var ex = Assert.Throws<UsageException>(() => PlatformConnection.ControllerRoute(withAgent, _ => null));
        Assert.Contains("'subcloud list'", ex.Message, StringComparison.Ordinal);
    }
}
