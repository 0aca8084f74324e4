using Microsoft.Extensions.Logging;

namespace DistributedCloud.Site.Hosting.Diagnostics;

/// <summary>
/// The log events of a site host's start and stop, the same in the agent and the controller (ids 5000-5009 and
/// 5020-5029, kept from the agent; 5040 is the per-call record). {Host} is "Agent"/"agent" or "Controller"/"controller".
/// </summary>
public static partial class SiteHostLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "{Host} starting: data directory {DataDirectory}, host driver {Driver}, bootstrap {Bootstrap}")]
    public static partial void Starting(this ILogger logger, string host, string dataDirectory, string driver, string bootstrap);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Serving {Service} on {Endpoints}; health and metrics on {HttpEndpoint}")]
    public static partial void Listening(this ILogger logger, string service, string endpoints, string httpEndpoint);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "The {Host} refused to start: {Reason}")]
    public static partial void StartRefused(this ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Schema of {Database} is up to date; migrations applied now: {Applied}")]
    public static partial void Migrated(this ILogger logger, string database, string applied);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "{Host} stopping: waiting for running host actions, then closing the site")]
    public static partial void Stopping(this ILogger logger, string host);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Site closed; {Host} stopped")]
    public static partial void Stopped(this ILogger logger, string host);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "Event watch from {Peer} started after sequence {After}")]
    public static partial void WatchStarted(this ILogger logger, string peer, ulong after);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Debug, Message = "Event watch from {Peer} ended after {Count} events")]
    public static partial void WatchEnded(this ILogger logger, string peer, long count);

    /// <summary>One gRPC call: how it arrived (N-35 proof on the callee's side).</summary>
    [LoggerMessage(EventId = 5040, Message = "Call {Method} arrived over {Family}: local {LocalAddress}, peer {PeerAddress}")]
    public static partial void CallArrived(this ILogger logger, LogLevel level, string method, string family, string localAddress, string peerAddress);
}
