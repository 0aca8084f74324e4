using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Security.Access;
using Google.Protobuf.WellKnownTypes;
using Api = DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Controller.Service;

/// <summary>Admin tokens and audit events between the core and the admin API's messages (S-6..S-8).</summary>
public static class AccessMapper
{
    /// <summary>S-5a: the issued certificate with what the caller's dcctl configuration needs beside it.</summary>
    public static Api.AccessCertificate ToMessage(Core.Enrollment.IssuedAccess issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new Api.AccessCertificate
        {
            Certificate = issued.Certificate.ExportCertificatePem() + "\n",
            CaCertificates = issued.Trust.ToPem(),
            AgentUrl = issued.Agent.SecureUrl,
            Identity = issued.Identity.ToString(),
            ExpiresAt = Timestamp.FromDateTime(issued.Certificate.NotAfter.ToUniversalTime()),
        };
    }

    /// <summary>An unspecified role is no role: the store refuses it, naming the roles there are.</summary>
    public static AdminRole ToRole(Api.AdminRole role) => role switch
    {
        Api.AdminRole.Reader => AdminRole.Reader,
        Api.AdminRole.Operator => AdminRole.Operator,
        Api.AdminRole.Admin => AdminRole.Admin,
        _ => default,
    };

    public static Api.AdminRole ToMessage(AdminRole role) => role switch
    {
        AdminRole.Reader => Api.AdminRole.Reader,
        AdminRole.Operator => Api.AdminRole.Operator,
        AdminRole.Admin => Api.AdminRole.Admin,
        _ => Api.AdminRole.Unspecified,
    };

    public static Api.AdminToken ToMessage(AdminToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var message = new Api.AdminToken
        {
            Name = token.Name,
            Role = ToMessage(token.Role),
            State = token.StateAt(now) switch
            {
                AdminTokenState.Active => Api.TokenState.Active,
                AdminTokenState.Expired => Api.TokenState.Expired,
                AdminTokenState.Revoked => Api.TokenState.Revoked,
                _ => Api.TokenState.Unspecified,
            },
            CreatedAt = Timestamp.FromDateTimeOffset(token.CreatedAt),
            CreatedBy = token.CreatedBy,
        };
        if (token.ExpiresAt is { } expires)
        {
            message.ExpiresAt = Timestamp.FromDateTimeOffset(expires);
        }

        if (token.RevokedAt is { } revoked)
        {
            message.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        }

        return message;
    }

    public static Api.AuditEvent ToMessage(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Api.AuditEvent
        {
            Id = entry.Id,
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            Identity = entry.Identity,
            Role = entry.Role ?? string.Empty,
            Source = entry.Source,
            Method = entry.Method,
            Target = entry.Target ?? string.Empty,
            RequestId = entry.RequestId ?? string.Empty,
            Outcome = entry.Outcome == AccessOutcome.Done ? Api.AccessOutcome.Done : Api.AccessOutcome.Refused,
            Reason = entry.Reason ?? string.Empty,
            Count = entry.Count,
        };
    }
}
