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

    [LoggerMessage(EventId = 6082, Level = LogLevel.Information, Message = "Join token {TokenId} made for subcloud {Subcloud}, usable once until {ExpiresAt:u} (S-2)")]
    public static partial void JoinTokenMade(this ILogger logger, string subcloud, string tokenId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6083, Level = LogLevel.Information, Message = "Subcloud {Subcloud} enrolled with join token {TokenId}: certificate {Serial} until {NotAfter:u} for {Addresses} (S-2, S-3)")]
    public static partial void SubcloudEnrolled(this ILogger logger, string subcloud, string tokenId, string serial, DateTimeOffset notAfter, string addresses);

    [LoggerMessage(EventId = 6084, Level = LogLevel.Warning, Message = "Enrollment of subcloud {Subcloud} refused, nothing issued: {Reason}")]
    public static partial void EnrollmentRefused(this ILogger logger, string subcloud, string reason);

    [LoggerMessage(EventId = 6085, Level = LogLevel.Information, Message = "Certificate of subcloud {Subcloud} renewed: {Serial} until {NotAfter:u}, because {Reason} (S-3)")]
    public static partial void CertificateRenewed(this ILogger logger, string subcloud, string serial, DateTimeOffset notAfter, string reason);

    [LoggerMessage(EventId = 6086, Level = LogLevel.Warning, Message = "Certificate of subcloud {Subcloud} revoked; its agent is refused until it enrolls again (S-3)")]
    public static partial void CertificateRevoked(this ILogger logger, string subcloud);

    [LoggerMessage(EventId = 6087, Level = LogLevel.Information, Message = "The agent of subcloud {Subcloud} installed certificate {Serial}")]
    public static partial void CertificateInstalled(this ILogger logger, string subcloud, string serial);

    [LoggerMessage(EventId = 6088, Level = LogLevel.Warning, Message = "The agent dialled for subcloud {Subcloud} at {Agent} presented a certificate the controller refuses: {Reason} (S-3, S-4)")]
    public static partial void AgentCertificateRefused(this ILogger logger, string subcloud, string agent, string reason);

    [LoggerMessage(EventId = 6089, Level = LogLevel.Debug, Message = "Subcloud {Subcloud} is not enrolled yet: {Reason}")]
    public static partial void EnrollmentPending(this ILogger logger, string subcloud, string reason);

    [LoggerMessage(EventId = 6090, Level = LogLevel.Warning, Message = "Renewing the certificate of subcloud {Subcloud} failed: {Reason}; the current one stays in use and the renewal is tried again at the next audit")]
    public static partial void RenewalFailed(this ILogger logger, string subcloud, string reason);

    [LoggerMessage(EventId = 6091, Level = LogLevel.Information, Message = "The agent of subcloud {Subcloud} presents its renewed certificate {Serial}; the previous one is no longer accepted")]
    public static partial void RenewalConfirmed(this ILogger logger, string subcloud, string serial);
}
