using DistributedCloud.Cli.Access;
using DistributedCloud.Security.Clients;
using System.CommandLine;
using System.CommandLine.Parsing;
using DistributedCloud.Cli.Controller;

namespace DistributedCloud.Cli.Platform;

/// <summary>Picks where a command goes from the global options and the environment (cli.md "Global options").</summary>
public static class PlatformConnection
{
    public const string AgentVariable = "DCCTL_AGENT";

    private const string AgentExample = "https://[fd01::2]:50052";

    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    public static SitePlatform Open(ParseResult parseResult)
    {
        var credentials = Credentials(parseResult, Environment.GetEnvironmentVariable);
        var route = Route(parseResult, Environment.GetEnvironmentVariable, credentials.Config);
        return route.IsAgent
            ? SitePlatform.ToAgent(route.AgentAddress!, DefaultCallTimeout, credentials)
            : SitePlatform.ThroughController(new ControllerClient(route.Controller!, DefaultCallTimeout, credentials), route.Subcloud);
    }

    /// <summary>The system controller, for the commands only it answers (subclouds, groups, strategies).</summary>
    public static ControllerClient OpenController(ParseResult parseResult)
    {
        var credentials = Credentials(parseResult, Environment.GetEnvironmentVariable);
        return new(ControllerRoute(parseResult, Environment.GetEnvironmentVariable, credentials.Config), DefaultCallTimeout, credentials);
    }

    /// <summary>The token, client certificate and trusted CA of this run (<see cref="ClientCredentials"/>).</summary>
    public static ClientCredentials Credentials(ParseResult parseResult, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ClientCredentials.Resolve(parseResult.GetValue(GlobalOptions.Token), parseResult.GetValue(GlobalOptions.Config), environment);
    }

    /// <summary>
    /// What the operator typed wins over the environment: <c>--agent</c> is the agent; <c>--controller</c> or
    /// <c>--subcloud</c> is the controller; then <c>DCCTL_AGENT</c> (so scripts written for one site run unchanged),
    /// then <c>DCCTL_CONTROLLER</c>, then the default controller addresses.
    /// </summary>
    public static SiteRoute Route(ParseResult parseResult, Func<string, string?> environment, DcctlConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var agent = Given(parseResult.GetValue(GlobalOptions.Agent));
        var controller = Given(parseResult.GetValue(GlobalOptions.Controller));
        var subcloud = Given(parseResult.GetValue(GlobalOptions.Subcloud));
        if (agent is not null)
        {
            var problems = new List<string>();
            if (subcloud is not null)
            {
                problems.Add("--agent and --subcloud name two different targets; give one of them (--subcloud goes through the controller)");
            }

            if (controller is not null)
            {
                problems.Add("--agent and --controller name two different servers; give one of them");
            }

            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            return SiteRoute.ToAgent(ServerUrl.Check(agent, "--agent", AgentExample));
        }

        if (controller is null && subcloud is null && Given(environment(AgentVariable)) is { } agentFromEnvironment)
        {
            return SiteRoute.ToAgent(ServerUrl.Check(agentFromEnvironment, AgentVariable, AgentExample));
        }

        if (controller is null && subcloud is null && Given(environment(ControllerEndpoints.Variable)) is null && Given(config?.Agent) is { } configuredAgent)
        {
            return SiteRoute.ToAgent(ServerUrl.Check(configuredAgent, "the configuration's agent", AgentExample));
        }

        return SiteRoute.ToController(ControllerEndpoints.Resolve(controller, environment(ControllerEndpoints.Variable), configured: config?.Controller), subcloud);
    }

    /// <summary>The controller's addresses; <c>--agent</c> makes no sense for a command only the controller answers.</summary>
    public static ControllerEndpoints ControllerRoute(ParseResult parseResult, Func<string, string?> environment, DcctlConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        if (Given(parseResult.GetValue(GlobalOptions.Agent)) is not null)
        {
            var names = new List<string>();
            for (var result = parseResult.CommandResult; result.Command is not RootCommand; result = (CommandResult)result.Parent!)
            {
                names.Insert(0, result.Command.Name);
            }

            var command = string.Join(' ', names);
            throw new UsageException($"'{command}' is answered by the system controller, not by a site's agent: drop --agent (give --controller URL if the controller is not on this machine)");
        }

        return ControllerEndpoints.Resolve(Given(parseResult.GetValue(GlobalOptions.Controller)), environment(ControllerEndpoints.Variable), configured: config?.Controller);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
