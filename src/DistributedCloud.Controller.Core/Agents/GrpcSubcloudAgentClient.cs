using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Subclouds;
using Grpc.Core;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// <see cref="ISubcloudAgentClient"/> over the generated SubcloudAgent client on each subcloud's kept channel, a deadline
/// on every call. With an <see cref="AgentEnroller"/>, the audit's GetSite is where a subcloud's agent is enrolled and
/// its certificate renewed (S-2, S-3); a refused agent certificate is reported with the controller's reason.
/// </summary>
public sealed class GrpcSubcloudAgentClient(AgentChannels channels, AgentEnroller? enroller = null, AgentTls? tls = null) : ISubcloudAgentClient
{
    public async Task<Site> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        if (enroller is not null)
        {
            await enroller.PrepareAsync(subcloud, cancellationToken).ConfigureAwait(false);
        }

        Site site;
        try
        {
            site = await Client(subcloud).GetSiteAsync(new GetSiteRequest(), deadline: channels.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException failed) when (RefusedInHandshake(failed) && tls?.LastRefusal(subcloud.Name) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the agent at {subcloud.Agent} presented a certificate the controller refuses: {refusal}", failed));
        }

        if (enroller is not null)
        {
            await enroller.AfterCallAsync(subcloud, cancellationToken).ConfigureAwait(false);
        }

        return site;
    }

    public async Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken) =>
        await Client(subcloud).ApplyNetworkChangeAsync(request, deadline: channels.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken)
    {
        var client = Client(subcloud);
        var deadline = channels.Deadline();
        return action switch
        {
            HostAction.Lock => await client.LockHostAsync(request, deadline: deadline, cancellationToken: cancellationToken).ConfigureAwait(false),
            HostAction.Unlock => await client.UnlockHostAsync(request, deadline: deadline, cancellationToken: cancellationToken).ConfigureAwait(false),
            HostAction.Swact => await client.SwactHostAsync(request, deadline: deadline, cancellationToken: cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        };
    }

    private SubcloudAgent.SubcloudAgentClient Client(Subcloud subcloud) => new(channels.InvokerFor(subcloud));

    /// <summary>The call failed because the TLS handshake failed (the controller's check refused the agent's certificate).</summary>
    private static bool RefusedInHandshake(RpcException failed)
    {
        for (var cause = failed.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}
