using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Agent.Configuration;

/// <summary>The agent's settings (configuration section "Agent"): the site host's settings and the per-call record.</summary>
public sealed class AgentOptions : SiteHostOptions
{
    public const string SectionName = "Agent";

    /// <summary>Log one line per gRPC call at Information (method, arrival family, local and peer address); Debug otherwise.</summary>
    public bool LogCalls { get; set; }
}
