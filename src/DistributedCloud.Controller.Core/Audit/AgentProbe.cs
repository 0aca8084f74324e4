using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>What one audit call to an agent gave: its site, or why it failed.</summary>
public sealed record AgentProbe(Site? Site, string? Failure)
{
    public bool Succeeded => Site is not null;

    public static AgentProbe Answered(Site site) => new(site ?? throw new ArgumentNullException(nameof(site)), null);

    public static AgentProbe Failed(string reason) => new(null, reason);
}
