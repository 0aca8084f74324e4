using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Security;
using DistributedCloud.Contracts.Agent.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Service;

/// <summary>
/// distributedcloud.agent.v1.AgentEnrollment (S-2, S-3), thin: <see cref="AgentCredentials"/> decides. The methods are
/// open to the authentication middleware (an enrolling agent knows no caller yet) and check the caller themselves: the
/// TLS client certificate must be a controller's of the pinned CA (enrolling) or of the trust bundle (renewal).
/// </summary>
[AllowAnonymous]
public sealed class AgentEnrollmentService(AgentCredentials credentials, ILogger<AgentEnrollmentService> logger) : AgentEnrollment.AgentEnrollmentBase
{
    public override Task<RequestCertificateResponse> RequestCertificate(RequestCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var answer = Checked(context, () => credentials.RequestCertificate(context.GetHttpContext().Connection.ClientCertificate, request.CaCertificatePem, request.Subcloud));
        return Task.FromResult(new RequestCertificateResponse
        {
            SigningRequest = ByteString.CopyFrom(answer.SigningRequest),
            JoinTokenId = answer.JoinTokenId,
            Proof = answer.Proof,
        });
    }

    public override Task<InstallCertificateResponse> InstallCertificate(InstallCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var answer = Checked(context, () => credentials.InstallCertificate(context.GetHttpContext().Connection.ClientCertificate, request.CertificatePem, request.TrustBundlePem));
        return Task.FromResult(new InstallCertificateResponse
        {
            Fingerprint = answer.Fingerprint,
            NotAfter = Timestamp.FromDateTime(DateTime.SpecifyKind(answer.NotAfter, DateTimeKind.Utc)),
        });
    }

    private T Checked<T>(ServerCallContext context, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (RpcException refused)
        {
            logger.EnrollmentCallRefused(context.Method, context.Peer, refused.Status.Detail);
            throw;
        }
    }
}
