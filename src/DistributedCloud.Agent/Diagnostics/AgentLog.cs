using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>The agent's log events (ids 5000-5099; start and stop lines, 5000-5004 and 5020-5021, and the call record 5040 are the hosting library's; the site library uses 4000-4099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Site {SystemUuid} ({Mode}, primary family {Family}) is open; leadership {ControllerId} at epoch {Epoch}")]
    public static partial void SiteReady(this ILogger logger, Guid systemUuid, string mode, string family, string controllerId, ulong epoch);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Standalone agent: the bootstrap administrator's dcctl configuration is {Path} (owner-only; S-5a)")]
    public static partial void StandaloneAccessWritten(this ILogger logger, string path);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "{Method} refused: epoch {Epoch} claimed by controller {ControllerId} is above the held epoch {HeldEpoch} of {HeldControllerId} (S-5)")]
    public static partial void EpochAboveHeldRefused(this ILogger logger, string method, string controllerId, ulong epoch, string heldControllerId, ulong heldEpoch);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "{Method} refused: caller {Identity} claimed controller {ControllerId}, which its credentials do not prove (S-5)")]
    public static partial void ClaimRefused(this ILogger logger, string method, string identity, string controllerId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Refused {Method} from controller {ControllerId} at epoch {Epoch}: the site obeys {CurrentControllerId} at epoch {CurrentEpoch}")]
    public static partial void StaleLeaderRefused(this ILogger logger, string method, string controllerId, ulong epoch, string currentControllerId, ulong currentEpoch);

}
