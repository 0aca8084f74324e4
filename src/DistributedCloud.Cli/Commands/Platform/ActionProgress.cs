using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>Collects what the site's event stream says about one host action: above all, why it failed.</summary>
public sealed class ActionProgress(string operationId)
{
    private volatile string? _failure;

    public string? Failure => _failure;

    /// <summary>Reads events until cancelled. A stream that breaks only loses detail: completion is polled anyway.</summary>
    public async Task FollowAsync(SitePlatform site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        try
        {
            await foreach (var siteEvent in site.WatchEventsAsync(cancellationToken))
            {
                if (siteEvent.HostAction is { } action && action.OperationId == operationId && action.State == OperationState.Failed)
                {
                    _failure = string.IsNullOrEmpty(action.Message) ? "the site reported the action failed" : action.Message;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or Grpc.Core.RpcException)
        {
            // Cancelled at the end of the wait, or the site offers no event stream: polling decides.
        }
    }
}
