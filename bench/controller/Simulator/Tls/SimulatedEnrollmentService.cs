using DistributedCloud.Controller.Simulator.Fleet;
using DistributedCloud.Security.Pki;
using DistributedCloud.Site.Hosting.Grpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Simulator.Tls;

/// <summary>distributedcloud.agent.v1.AgentEnrollment for every simulated site (with --tls): see <see cref="SimulatedTls"/>.</summary>
public sealed class SimulatedEnrollmentService(SimulatedTls tls) : V1.AgentEnrollment.AgentEnrollmentBase
{
    public override async Task<V1.RequestCertificateResponse> RequestCertificate(V1.RequestCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var (signingRequest, tokenId, proof) = await tls.RequestAsync(Site(context), request.Subcloud).ConfigureAwait(false);
            return new V1.RequestCertificateResponse { SigningRequest = ByteString.CopyFrom(signingRequest), JoinTokenId = tokenId, Proof = proof };
        }
        catch (InvalidOperationException missing)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, missing.Message));
        }
    }

    public override Task<V1.InstallCertificateResponse> InstallCertificate(V1.InstallCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var certificate = tls.Install(Site(context), request.CertificatePem);
            // The certificate is what the site presents from now on: kept, not disposed.
            return Task.FromResult(new V1.InstallCertificateResponse
            {
                Fingerprint = CertificateFingerprint.Of(certificate),
                NotAfter = Timestamp.FromDateTime(certificate.NotAfter.ToUniversalTime()),
            });
        }
        catch (InvalidOperationException missing)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, missing.Message));
        }
    }

    private static int Site(ServerCallContext context) =>
        FleetLayout.IndexOf(context.LocalAddress()) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no simulated site answers at {context.LocalAddress()}"));
}
