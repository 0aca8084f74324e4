using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Diagnostics;

/// <summary>The controller host's log events (ids 6100-6199; the core's are 6000-6099, the site host's 5000-5049).</summary>
internal static partial class ControllerHostLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Controller site {SystemUuid} ({Mode}, {NetworkMode}, primary family {Family}) is open; store {Store}; {Subclouds} subcloud(s)")]
    public static partial void ControllerReady(this ILogger logger, Guid systemUuid, string mode, string networkMode, string family, string store, int subclouds);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Certificate authority {Fingerprint} {How}; controller identity dc://controller/{ControllerId} (S-1)")]
    public static partial void CertificateAuthority(this ILogger logger, string fingerprint, string how, string controllerId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "First start: the bootstrap administrator's token and dcctl configuration are in {Path} (owner-only; S-6)")]
    public static partial void BootstrapAccessWritten(this ILogger logger, string path);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Subcloud {Subcloud} is {Availability}: strategy steps on it {Action} (D-17)")]
    public static partial void StrategyNotified(this ILogger logger, string subcloud, string availability, string action);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Debug, Message = "Audit sweep: {Audits} audit(s) of {Subclouds} subcloud(s) in {Seconds:0.000} s")]
    public static partial void Swept(this ILogger logger, int audits, int subclouds, double seconds);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Error, Message = "Audit sweep failed; the next one runs as scheduled")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6120, Level = LogLevel.Debug, Message = "{Method} proxied to subcloud {Subcloud} at {Agent}: {Outcome}")]
    public static partial void Proxied(this ILogger logger, string method, string subcloud, string agent, string outcome);

    [LoggerMessage(EventId = 6130, Level = LogLevel.Warning, Message = "The fleet gauges could not be read from the store; this scrape has none of them")]
    public static partial void FleetGaugesFailed(this ILogger logger, Exception exception);
}
