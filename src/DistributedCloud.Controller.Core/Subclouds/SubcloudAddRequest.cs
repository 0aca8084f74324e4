namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary><c>subcloud add NAME --bootstrap FILE --agent-address ADDR [--port N] [--group G] [--release R]</c>.</summary>
public sealed record SubcloudAddRequest(
    string Name,
    string BootstrapYaml,
    string AgentAddress,
    int? AgentPort = null,
    string? Group = null,
    string? Release = null,
    string? Description = null,
    string? Location = null);
