using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary><see cref="ISubcloudAgentClient"/> over the generated SubcloudAgent client on each subcloud's kept channel, a deadline on every call.</summary>
public sealed class GrpcSubcloudAgentClient(AgentChannels channels) : ISubcloudAgentClient
{
    public async Task<Site> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken) =>
        await Client(subcloud).GetSiteAsync(new GetSiteRequest(), deadline: channels.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);

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
}
