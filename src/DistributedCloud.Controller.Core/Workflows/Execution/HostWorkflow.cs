namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>The payload of a host-lock / host-unlock / host-swact workflow (<c>dcctl host-lock --subcloud X HOST</c>).</summary>
public sealed record HostWorkflow(string Host, bool Force);
