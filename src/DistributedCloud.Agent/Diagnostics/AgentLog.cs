using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Diagnostics;

/// <summary>The agent's log events (ids 5000-5099; start and stop lines, 5000-5004 and 5020-5021, and the call record 5040 are the hosting library's; the site library uses 4000-4099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Site {SystemUuid} ({Mode}, primary family {Family}) is open; leadership {ControllerId} at epoch {Epoch}")]
    public static partial void SiteReady(this ILogger logger, Guid systemUuid, string mode, string family, string controllerId, ulong epoch);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Standalone agent: the bootstrap administrator's dcctl configuration is {Path} (owner-only; S-5a)")]
    public static partial void StandaloneAccessWritten(this ILogger logger, string path);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "{Method} refused: epoch {Epoch} claimed by controller {ControllerId} is above the held epoch {HeldEpoch} of {HeldControllerId} (S-5)")]
    public static partial void EpochAboveHeldRefused(this ILogger logger, string method, string controllerId, ulong epoch, string heldControllerId, ulong heldEpoch);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "{Method} refused: caller {Identity} claimed controller {ControllerId}, which its credentials do not prove (S-5)")]
    public static partial void ClaimRefused(this ILogger logger, string method, string identity, string controllerId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Refused {Method} from controller {ControllerId} at epoch {Epoch}: the site obeys {CurrentControllerId} at epoch {CurrentEpoch}")]
    public static partial void StaleLeaderRefused(this ILogger logger, string method, string controllerId, ulong epoch, string currentControllerId, ulong currentEpoch);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "Waiting for enrollment (S-2): serving a temporary certificate until a controller of CA {Fingerprint} enrolls this agent with join token {TokenId}; other calls are refused until then")]
    public static partial void WaitingForEnrollment(this ILogger logger, string fingerprint, string tokenId);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Enrolled as subcloud {Subcloud} by {Controller}: certificate {Serial} until {NotAfter:u}; mutual TLS with the controllers of its trust bundle only from now on (S-2, S-4)")]
    public static partial void Enrolled(this ILogger logger, string subcloud, string controller, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 5052, Level = LogLevel.Information, Message = "Certificate of subcloud {Subcloud} renewed by {Controller}: {Serial} until {NotAfter:u} (S-3)")]
    public static partial void Renewed(this ILogger logger, string subcloud, string controller, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 5053, Level = LogLevel.Warning, Message = "Enrollment call {Method} from {Peer} refused: {Reason}")]
    public static partial void EnrollmentCallRefused(this ILogger logger, string method, string peer, string reason);

    [LoggerMessage(EventId = 5054, Level = LogLevel.Information, Message = "Enrolled agent of subcloud {Subcloud}: certificate {Serial} until {NotAfter:u}, trusting {Authorities} (S-3, S-4)")]
    public static partial void EnrolledStart(this ILogger logger, string subcloud, string serial, DateTimeOffset notAfter, string authorities);

    [LoggerMessage(EventId = 5055, Level = LogLevel.Warning, Message = "Started with join token {TokenId} while enrolled as subcloud {Subcloud}: the agent enrolls again and its certificate is replaced once a controller enrolls it (S-2)")]
    public static partial void EnrollingAgain(this ILogger logger, string tokenId, string subcloud);
}
