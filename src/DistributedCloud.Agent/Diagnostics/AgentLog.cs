using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>The agent's log events (ids 5000-5099; the site library uses 4000-4099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Agent starting: data directory {DataDirectory}, host driver {Driver}, bootstrap {Bootstrap}")]
    public static partial void Starting(this ILogger logger, string dataDirectory, string driver, string bootstrap);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Site {SystemUuid} ({Mode}, primary family {Family}) is open; leadership {ControllerId} at epoch {Epoch}")]
    public static partial void SiteReady(this ILogger logger, Guid systemUuid, string mode, string family, string controllerId, ulong epoch);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Serving distributedcloud.agent.v1.SubcloudAgent on {Endpoints}; health and metrics on {HttpEndpoint}")]
    public static partial void Listening(this ILogger logger, string endpoints, string httpEndpoint);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "The agent refused to start: {Reason}")]
    public static partial void StartRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Schema of {Database} is up to date; migrations applied now: {Applied}")]
    public static partial void Migrated(this ILogger logger, string database, string applied);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Leadership moved to controller {ControllerId} at epoch {Epoch} (was {PreviousControllerId} at epoch {PreviousEpoch})")]
    public static partial void LeadershipAdvanced(this ILogger logger, string controllerId, ulong epoch, string previousControllerId, ulong previousEpoch);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Refused {Method} from controller {ControllerId} at epoch {Epoch}: the site obeys {CurrentControllerId} at epoch {CurrentEpoch}")]
    public static partial void StaleLeaderRefused(this ILogger logger, string method, string controllerId, ulong epoch, string currentControllerId, ulong currentEpoch);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Agent stopping: waiting for running host actions, then closing the site")]
    public static partial void Stopping(this ILogger logger);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Site closed; agent stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "Event watch from {Peer} started after sequence {After}")]
    public static partial void WatchStarted(this ILogger logger, string peer, ulong after);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Debug, Message = "Event watch from {Peer} ended after {Count} events")]
    public static partial void WatchEnded(this ILogger logger, string peer, long count);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "Connection {ConnectionId} from {PeerAddress} port {PeerPort} arrived at {LocalAddress} port {LocalPort} over {Family}")]
    public static partial void ConnectionArrived(this ILogger logger, string connectionId, string peerAddress, int peerPort, string localAddress, int localPort, string family);
}
