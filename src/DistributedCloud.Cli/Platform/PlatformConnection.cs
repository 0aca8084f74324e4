using System.CommandLine;

namespace DistributedCloud.Cli.Platform;

/// <summary>Picks where a platform command goes from the global options (cli.md "Global options").</summary>
public static class PlatformConnection
{
    public const string AgentVariable = "DCCTL_AGENT";

    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    public static ISitePlatform Open(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        // The environment lets scripts written for the reference platform run unchanged (cli.md).
        var agent = parseResult.GetValue(GlobalOptions.Agent) ?? Environment.GetEnvironmentVariable(AgentVariable);
        var subcloud = parseResult.GetValue(GlobalOptions.Subcloud);
        if (!string.IsNullOrWhiteSpace(agent))
        {
            if (!string.IsNullOrWhiteSpace(subcloud))
            {
                throw new UsageException("--agent and --subcloud name two different targets; give one of them");
            }

            if (!Uri.TryCreate(agent, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                throw new UsageException($"--agent '{agent}' is not an http:// or https:// URL such as http://[fd01::2]:50052");
            }

            return new AgentSitePlatform(agent, DefaultCallTimeout);
        }

        // The system controller's admin API (its own site, or --subcloud NAME through it) arrives with the
        // controller host; until then a platform command needs a site's agent.
        throw new UsageException($"this dcctl reaches sites through their agents: give --agent URL (for example --agent http://[fd01::2]:50052) or set {AgentVariable}");
    }
}
