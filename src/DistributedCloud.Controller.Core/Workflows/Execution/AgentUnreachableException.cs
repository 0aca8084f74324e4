namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// The agent could not be reached (UNAVAILABLE, DEADLINE_EXCEEDED, a broken connection). Not a step failure (D-17):
/// the workflow stays running and is tried again with the same operation id.
/// </summary>
public sealed class AgentUnreachableException : Exception
{
    public AgentUnreachableException()
    {
    }

    public AgentUnreachableException(string message)
        : base(message)
    {
    }

    public AgentUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
