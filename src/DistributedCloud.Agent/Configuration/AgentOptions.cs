using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Agent.Configuration;

/// <summary>The agent's settings (configuration section "Agent"): the site host's settings and the per-call record.</summary>
public sealed class AgentOptions : SiteHostOptions
{
    public const string SectionName = "Agent";

    /// <summary>Log one line per gRPC call at Information (method, arrival family, local and peer address); Debug otherwise.</summary>
    public bool LogCalls { get; set; }

    /// <summary>
    /// S-2: the one-time join token (<c>ID.SECRET</c>, from <c>dcctl subcloud add</c> or <c>enroll</c>) the agent enrolls
    /// with (--join-token); with <see cref="CaFingerprint"/>, or neither.
    /// </summary>
    public string? JoinToken { get; set; }

    /// <summary>S-2: <c>sha256:HEX</c> of the controller's CA, pinned for the enrollment (--ca-fingerprint).</summary>
    public string? CaFingerprint { get; set; }
}
