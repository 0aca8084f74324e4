using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Site.Hosting.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DistributedCloud.Agent.Security;

/// <summary>
/// While the agent waits for enrollment (S-2) it serves the enrollment service and the standard health service only:
/// every other gRPC call is refused UNAUTHENTICATED with the reason, before authentication runs.
/// </summary>
public static class EnrollmentGate
{
    public const string Refusal = "waiting for enrollment: this agent serves nobody until its controller has enrolled it (S-2); "
        + "add it on the controller (dcctl subcloud add, or dcctl subcloud enroll for a new token) and start it with that --join-token and --ca-fingerprint";

    private static readonly PathString Enrollment = new($"/{AgentEnrollment.Descriptor.FullName}");
    private static readonly PathString Health = new("/grpc.health.v1.Health");

    public static WebApplication UseEnrollmentGate(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var credentials = app.Services.GetRequiredService<AgentCredentials>();
        app.Use(async (context, next) =>
        {
            if (credentials.Mode == AgentAccessMode.Enrolling && GrpcRefusal.IsGrpc(context)
                && !context.Request.Path.StartsWithSegments(Enrollment) && !context.Request.Path.StartsWithSegments(Health))
            {
                await GrpcRefusal.WriteAsync(context, StatusCode.Unauthenticated, Refusal).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        return app;
    }
}
