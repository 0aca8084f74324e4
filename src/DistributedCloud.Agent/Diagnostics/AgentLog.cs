using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>The agent's log events (ids 5000-5099; start and stop lines, 5000-5004 and 5020-5021, and the call record 5040 are the hosting library's; the site library uses 4000-4099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Site {SystemUuid} ({Mode}, primary family {Family}) is open; leadership {ControllerId} at epoch {Epoch}")]
    public static partial void SiteReady(this ILogger logger, Guid systemUuid, string mode, string family, string controllerId, ulong epoch);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Leadership moved to controller {ControllerId} at epoch {Epoch} (was {PreviousControllerId} at epoch {PreviousEpoch})")]
    public static partial void LeadershipAdvanced(this ILogger logger, string controllerId, ulong epoch, string previousControllerId, ulong previousEpoch);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Refused {Method} from controller {ControllerId} at epoch {Epoch}: the site obeys {CurrentControllerId} at epoch {CurrentEpoch}")]
    public static partial void StaleLeaderRefused(this ILogger logger, string method, string controllerId, ulong epoch, string currentControllerId, ulong currentEpoch);

}
