using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Diagnostics;

/// <summary>The log events of admin tokens and the audit log (S-6..S-8), ids 6070-6089 of the core's 6000-6099.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 6070, Level = LogLevel.Information,
        Message = "Audit: {Method} done by {Identity} ({Role}) from {Source} on {Target}, request {RequestId}")]
    public static partial void AccessDone(this ILogger logger, string method, string identity, string role, string source, string target, string requestId);

    [LoggerMessage(EventId = 6071, Level = LogLevel.Warning,
        Message = "Audit: {Method} refused to {Identity} ({Role}) from {Source} on {Target}, request {RequestId}: {Reason}")]
    public static partial void AccessRefused(this ILogger logger, string method, string identity, string role, string source, string target, string requestId, string? reason);

    [LoggerMessage(EventId = 6072, Level = LogLevel.Debug,
        Message = "Audit: {Method} refused again to {Identity} from {Source}: {Reason} ({Count} times this minute, one row)")]
    public static partial void AccessRefusedAgain(this ILogger logger, string method, string identity, string source, string? reason, int count);

    [LoggerMessage(EventId = 6073, Level = LogLevel.Error, Message = "Audit: the event of {Method} by {Identity} could not be stored; the call goes on")]
    public static partial void AuditNotStored(this ILogger logger, string method, string identity, Exception exception);

    [LoggerMessage(EventId = 6074, Level = LogLevel.Warning, Message = "Audit: the event of {Method} by {Identity} is only logged: the controller's store is not open")]
    public static partial void AuditStoreClosed(this ILogger logger, string method, string identity);

    [LoggerMessage(EventId = 6075, Level = LogLevel.Information, Message = "Audit log retention: {Count} event(s) older than {Cutoff:O} deleted")]
    public static partial void AuditPruned(this ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 6076, Level = LogLevel.Error, Message = "Audit log retention failed; trying again in {Delay}")]
    public static partial void AuditPruneFailed(this ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 6080, Level = LogLevel.Information, Message = "Admin token {Name} ({Role}) created by {CreatedBy}; expires {Expires}")]
    public static partial void TokenCreated(this ILogger logger, string name, string role, string createdBy, string expires);

    [LoggerMessage(EventId = 6081, Level = LogLevel.Information, Message = "Admin token {Name} revoked")]
    public static partial void TokenRevoked(this ILogger logger, string name);
}
