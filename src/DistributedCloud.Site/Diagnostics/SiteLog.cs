using Microsoft.Extensions.Logging;

namespace DistributedCloud.Site.Diagnostics;

/// <summary>The component's log messages, with stable event ids (4000-4099).</summary>
internal static partial class SiteLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Site {SystemUuid} created ({Mode}, {Hosts} hosts) in {Database}")]
    public static partial void SiteCreated(this ILogger logger, Guid systemUuid, string mode, int hosts, string database);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Site {SystemUuid} opened from {Database} (config generation {Generation})")]
    public static partial void SiteOpened(this ILogger logger, Guid systemUuid, string database, long generation);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "{Command} done")]
    public static partial void CommandDone(this ILogger logger, string command);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "{Command} refused: {Reason}")]
    public static partial void CommandRefused(this ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "{Command} failed; the stored site was reloaded")]
    public static partial void CommandFailed(this ILogger logger, Exception exception, string command);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Configuration change {Target} (generation {Generation}): out of date {OutOfDate}; Kubernetes {Kubernetes}")]
    public static partial void ConfigChanged(this ILogger logger, string target, long generation, string outOfDate, string kubernetes);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Artifacts of generation {Generation} written to {Directory}")]
    public static partial void ArtifactsWritten(this ILogger logger, long generation, string directory);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Host action {OperationId}: {Action} {Host} started (force {Force})")]
    public static partial void ActionStarted(this ILogger logger, string operationId, string action, string host, bool force);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Host action {OperationId}: {Progress}")]
    public static partial void ActionProgress(this ILogger logger, string operationId, string progress);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information, Message = "Host action {OperationId}: {Action} {Host} {State}: {Message}")]
    public static partial void ActionFinished(this ILogger logger, string operationId, string action, string host, string state, string? message);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Warning, Message = "Host action {OperationId} ({Action} {Host}) was in flight when the site stopped; reported failed")]
    public static partial void ActionInterrupted(this ILogger logger, string operationId, string action, string host);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Error, Message = "Host action {OperationId}: the driver threw")]
    public static partial void DriverThrew(this ILogger logger, Exception exception, string operationId);
}
