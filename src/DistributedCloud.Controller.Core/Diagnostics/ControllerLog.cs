using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Diagnostics;

/// <summary>The controller core's log messages, with stable event ids (6000-6099).</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Controller store ready at {Database}")]
    public static partial void StoreReady(this ILogger logger, string database);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Command} done")]
    public static partial void CommandDone(this ILogger logger, string command);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "{Command} refused: {Reason}")]
    public static partial void CommandRefused(this ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Subcloud {Subcloud} added (region {Region}, {Mode}, {NetworkMode}, agent {Agent})")]
    public static partial void SubcloudAdded(this ILogger logger, string subcloud, string region, string mode, string networkMode, string agent);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Subcloud {Subcloud} is now {Management}")]
    public static partial void SubcloudManagement(this ILogger logger, string subcloud, string management);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Subcloud {Subcloud} deleted")]
    public static partial void SubcloudDeleted(this ILogger logger, string subcloud);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Subcloud {Subcloud} went offline: {Reason}")]
    public static partial void SubcloudOffline(this ILogger logger, string subcloud, string? reason);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Subcloud {Subcloud} is back online; a full audit follows")]
    public static partial void SubcloudOnline(this ILogger logger, string subcloud);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "Subcloud {Subcloud} sync: {Sync}")]
    public static partial void SubcloudSync(this ILogger logger, string subcloud, string sync);

    [LoggerMessage(EventId = 6023, Level = LogLevel.Debug, Message = "Audit {Kind} of {Subcloud} failed: {Reason}")]
    public static partial void AuditFailed(this ILogger logger, string kind, string subcloud, string reason);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "Strategy {StrategyId} {State} ({Subclouds} subclouds)")]
    public static partial void StrategyState(this ILogger logger, Guid strategyId, string state, int subclouds);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "Strategy step {OperationId} on {Subcloud}: {Step} {State}")]
    public static partial void StrategyStep(this ILogger logger, string operationId, string subcloud, string step, string state);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "Workflow {OperationId} ({Kind}) queued")]
    public static partial void WorkflowQueued(this ILogger logger, string operationId, string kind);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Information, Message = "Workflow {OperationId} finished: {State}")]
    public static partial void WorkflowFinished(this ILogger logger, string operationId, string state);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Information, Message = "{Count} unfinished workflow(s) re-queued at start")]
    public static partial void WorkflowsRequeued(this ILogger logger, int count);

    [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "Workflow bus on {Transport} transport")]
    public static partial void BusTransport(this ILogger logger, string transport);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Debug, Message = "Published {Count} outbox message(s)")]
    public static partial void OutboxPublished(this ILogger logger, int count);

    [LoggerMessage(EventId = 6052, Level = LogLevel.Warning, Message = "Publishing outbox messages failed; retrying on the next sweep")]
    public static partial void OutboxPublishFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6053, Level = LogLevel.Debug, Message = "Workflow {OperationId} delivered again after it finished; nothing to do")]
    public static partial void WorkflowDuplicate(this ILogger logger, string operationId);

    [LoggerMessage(EventId = 6054, Level = LogLevel.Information, Message = "Workflow {OperationId} ({Kind}) on {Subcloud}: attempt {Attempt}")]
    public static partial void WorkflowRunning(this ILogger logger, string operationId, string kind, string? subcloud, int attempt);

    [LoggerMessage(EventId = 6055, Level = LogLevel.Warning, Message = "Workflow {OperationId}: the agent of {Subcloud} is unreachable ({Reason}); it stays running and is tried again in {Delay}")]
    public static partial void WorkflowDeferred(this ILogger logger, string operationId, string? subcloud, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 6056, Level = LogLevel.Warning, Message = "Workflow {OperationId} refused by the agent of {Subcloud}: {Reason}")]
    public static partial void WorkflowRefused(this ILogger logger, string operationId, string? subcloud, string reason);

    [LoggerMessage(EventId = 6057, Level = LogLevel.Error, Message = "Workflow {OperationId} failed unexpectedly; it stays unfinished and is tried again in {Delay}")]
    public static partial void WorkflowCrashed(this ILogger logger, string operationId, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 6060, Level = LogLevel.Information, Message = "Strategy executor started {Count} step(s)")]
    public static partial void ExecutorStarted(this ILogger logger, int count);

    [LoggerMessage(EventId = 6061, Level = LogLevel.Error, Message = "Strategy executor pass failed; trying again on the next tick")]
    public static partial void ExecutorFailed(this ILogger logger, Exception exception);
}
