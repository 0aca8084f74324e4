using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Agent.Configuration;

/// <summary>The agent's settings (configuration section "Agent"): the site host's settings, nothing more yet.</summary>
public sealed class AgentOptions : SiteHostOptions
{
    public const string SectionName = "Agent";
}
