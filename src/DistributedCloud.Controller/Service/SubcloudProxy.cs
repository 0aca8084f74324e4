using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Controller.Hosting;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Status;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Service;

/// <summary>
/// A platform call on a subcloud's site, passed to its agent over the subcloud's primary family (N-35) on the kept
/// per-subcloud channel. An unknown subcloud is NOT_FOUND naming it; an agent that cannot be reached is UNAVAILABLE
/// naming the subcloud and the address dialled; any other answer of the agent (a refusal with its details) is passed on.
/// </summary>
public sealed class SubcloudProxy(ControllerStore store, ISubcloudAgentClient agents, ControllerHostTelemetry telemetry, ILogger<SubcloudProxy> logger)
{
    public async Task<TResponse> CallAsync<TRequest, TResponse>(string subcloud, string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        var target = await store.Registry.GetAsync(subcloud, cancellationToken).ConfigureAwait(false);
        var outcome = "ok";
        try
        {
            return await agents.CallAsync<TRequest, TResponse>(target, method, request ?? new TRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (Unreachable(failure))
        {
            outcome = "unavailable";
            throw UnavailableError(target, failure);
        }
        catch (RpcException refused)
        {
            outcome = StatusCodeNames.ToName(refused.StatusCode);
            throw;
        }
        finally
        {
            telemetry.ProxiedCalls.Add(1, new("method", method), new("outcome", outcome));
            logger.Proxied(method, target.Name, target.Agent.ToString(), outcome);
        }
    }

    /// <summary>Relays the agent's WatchEvents stream.</summary>
    public async IAsyncEnumerable<V1.SiteEvent> WatchEventsAsync(string subcloud, V1.WatchEventsRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = await store.Registry.GetAsync(subcloud, cancellationToken).ConfigureAwait(false);
        await using var events = agents.WatchEventsAsync(target, request ?? new V1.WatchEventsRequest(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception failure) when (Unreachable(failure))
            {
                throw UnavailableError(target, failure);
            }

            yield return events.Current;
        }
    }

    private static bool Unreachable(Exception failure) =>
        failure is RpcException { StatusCode: StatusCode.Unavailable } or FamilyUnavailableException or HttpRequestException;

    private static RpcException UnavailableError(Subcloud target, Exception failure) =>
        new(StatusCode.Unavailable,
            $"subcloud '{target.Name}': its agent at {target.Agent} ({target.PrimaryFamily}, the primary family, N-35) cannot be reached: {failure.Message}");
}
