namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>subclouds</c>: one subcloud (D-1). Lists are JSON text.</summary>
internal sealed class SubcloudRecord
{
    public string Name { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? Location { get; set; }

    public string? Release { get; set; }

    public string Mode { get; set; } = string.Empty;

    public string GroupName { get; set; } = string.Empty;

    public string Management { get; set; } = string.Empty;

    public string Availability { get; set; } = string.Empty;

    public string DeployStatus { get; set; } = string.Empty;

    public int PrimaryFamily { get; set; }

    public string Pools { get; set; } = "[]";

    public string Hosts { get; set; } = "[]";

    public string AgentAddress { get; set; } = string.Empty;

    public int AgentPort { get; set; }

    public string Sync { get; set; } = string.Empty;

    public int AuditFailures { get; set; }

    public DateTimeOffset? LastAudit { get; set; }

    public string? Error { get; set; }

    public string BootstrapYaml { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }
}
