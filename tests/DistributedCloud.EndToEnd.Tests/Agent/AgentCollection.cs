namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>The agent tests start real processes; they run one class at a time so two shared cores are not oversubscribed.</summary>
[CollectionDefinition(Name)]
public sealed class AgentCollection
{
    public const string Name = "agent processes";
}
