namespace DistributedCloud.Agent.Hosting;

/// <summary>The agent cannot start for a reason the operator can fix; the message says which and how.</summary>
public sealed class AgentStartException(string message, Exception? inner = null) : Exception(message, inner);
