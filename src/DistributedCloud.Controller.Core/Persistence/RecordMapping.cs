using System.Net;
using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>Domain values to rows and back.</summary>
internal static class RecordMapping
{
    public static void CopyTo(Subcloud subcloud, SubcloudRecord record)
    {
        record.Name = subcloud.Name;
        record.Region = subcloud.Region;
        record.Description = subcloud.Description;
        record.Location = subcloud.Location;
        record.Release = subcloud.Release;
        record.Mode = subcloud.Mode.Name();
        record.GroupName = subcloud.Group;
        record.Management = subcloud.Management.Name();
        record.Availability = subcloud.Availability.Name();
        record.DeployStatus = subcloud.DeployStatus.Name();
        record.PrimaryFamily = (int)subcloud.PrimaryFamily;
        record.Pools = ControllerJson.Write(subcloud.Pools);
        record.Hosts = ControllerJson.Write(subcloud.Hosts);
        record.AgentAddress = subcloud.Agent.Address.ToString();
        record.AgentPort = subcloud.Agent.Port;
        record.Sync = subcloud.Sync.ToText();
        record.AuditFailures = subcloud.AuditFailures;
        record.LastAudit = subcloud.LastAudit;
        record.Error = subcloud.Error;
        record.BootstrapYaml = subcloud.BootstrapYaml;
        record.CreatedAt = subcloud.CreatedAt;
        record.Version = subcloud.Version;
    }

    public static SubcloudRecord ToRecord(Subcloud subcloud)
    {
        var record = new SubcloudRecord();
        CopyTo(subcloud, record);
        return record;
    }

    public static Subcloud ToSubcloud(SubcloudRecord record) => new()
    {
        Name = record.Name,
        Region = record.Region,
        Description = record.Description,
        Location = record.Location,
        Release = record.Release,
        Mode = SystemModes.TryParse(record.Mode, out var mode) ? mode : throw new InvalidDataException($"stored system mode '{record.Mode}'"),
        Group = record.GroupName,
        Management = StateNames.Parse<ManagementState>(record.Management),
        Availability = StateNames.Parse<SubcloudAvailability>(record.Availability),
        DeployStatus = StateNames.Parse<DeployStatus>(record.DeployStatus),
        PrimaryFamily = (IpFamily)record.PrimaryFamily,
        Pools = ControllerJson.Read<SubcloudPool[]>(record.Pools),
        Hosts = ControllerJson.Read<SubcloudHost[]>(record.Hosts),
        Agent = new AgentEndpoint(IPAddress.Parse(record.AgentAddress), record.AgentPort),
        Sync = EndpointSyncStatus.Parse(record.Sync),
        AuditFailures = record.AuditFailures,
        LastAudit = record.LastAudit,
        Error = record.Error,
        BootstrapYaml = record.BootstrapYaml,
        CreatedAt = record.CreatedAt,
        Version = record.Version,
    };

    public static SubcloudGroupRecord ToRecord(SubcloudGroup group) => new()
    {
        Id = group.Id,
        Name = group.Name,
        Description = group.Description,
        ApplyType = group.ApplyType.Name(),
        MaxParallelSubclouds = group.MaxParallelSubclouds,
    };

    public static SubcloudGroup ToGroup(SubcloudGroupRecord record) =>
        new(record.Id, record.Name, record.Description, StateNames.Parse<ApplyType>(record.ApplyType), record.MaxParallelSubclouds);

    public static ControllerAlarm ToAlarm(AlarmRecord record) =>
        new(record.AlarmId, record.Severity, record.Entity, record.Reason, record.RepairAction, record.RaisedAt);

    public static AlarmRecord ToRecord(ControllerAlarm alarm) => new()
    {
        AlarmId = alarm.AlarmId,
        Entity = alarm.Entity,
        Severity = alarm.Severity,
        Reason = alarm.Reason,
        RepairAction = alarm.RepairAction,
        RaisedAt = alarm.RaisedAt,
    };

    public static StrategyRecord ToRecord(Strategy strategy) => new()
    {
        Id = strategy.Id,
        Type = strategy.Type.ToString(),
        State = strategy.State.Name(),
        Parameters = ControllerJson.Write(StoredParameters.From(strategy.Parameters)),
        Skipped = ControllerJson.Write(strategy.Skipped),
        CreatedAt = strategy.CreatedAt,
        UpdatedAt = strategy.UpdatedAt,
        Error = strategy.Error,
    };

    public static StrategySubcloudRecord ToRecord(Guid strategyId, SubcloudStrategy part) => new()
    {
        StrategyId = strategyId,
        Subcloud = part.Subcloud,
        Position = part.Order,
        State = part.State.Name(),
        Steps = ControllerJson.Write(part.Steps),
        Notices = ControllerJson.Write(part.Notices),
        TargetPools = ControllerJson.Write(part.TargetPools),
        Message = part.Message,
        PausedAt = part.PausedAt,
    };

    public static Strategy ToStrategy(StrategyRecord record, IEnumerable<StrategySubcloudRecord> parts) => new(
        record.Id,
        Enum.Parse<StrategyType>(record.Type),
        StateNames.Parse<StrategyState>(record.State),
        ControllerJson.Read<StoredParameters>(record.Parameters).ToParameters(),
        parts.OrderBy(p => p.Position).Select(p => new SubcloudStrategy(
            p.Subcloud,
            p.Position,
            ControllerJson.Read<StrategyStep[]>(p.Steps),
            ControllerJson.Read<string[]>(p.Notices),
            ControllerJson.Read<SubcloudPool[]>(p.TargetPools),
            StateNames.Parse<StepState>(p.State),
            p.Message,
            p.PausedAt)).ToArray(),
        ControllerJson.Read<SkippedSubcloud[]>(record.Skipped),
        record.CreatedAt,
        record.UpdatedAt,
        record.Error);

    public static Workflow ToWorkflow(WorkflowRecord record) => new(
        record.OperationId,
        record.Kind,
        record.Subcloud,
        record.Payload,
        Enum.Parse<WorkflowState>(record.State),
        record.Attempts,
        record.Result,
        record.CreatedAt,
        record.UpdatedAt);

    public static OutboxMessage ToMessage(OutboxRecord record) =>
        new(record.Id, record.OperationId, record.MessageType, record.Body, record.CreatedAt, record.PublishedAt);
}
