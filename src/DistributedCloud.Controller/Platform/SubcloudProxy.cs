using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Controller.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// A call on a subcloud's agent made for an admin (a forwarded platform call, a host action's follow-up, the
/// subcloud's alarms), on the kept per-subcloud channel over its primary family (N-35) with the controller's fencing
/// identity. An unknown subcloud is NOT_FOUND naming it; an agent that cannot be reached is UNAVAILABLE naming the
/// subcloud and the address dialled; any other answer of the agent (a refusal with its details) is passed on as it is.
/// </summary>
public sealed class SubcloudProxy(
    SubcloudRegistry registry,
    AgentChannels channels,
    IHostApplicationLifetime lifetime,
    ControllerHostTelemetry telemetry,
    ILogger<SubcloudProxy> logger)
{
    /// <summary>One unary call; <paramref name="method"/> labels it in metrics and logs.</summary>
    public Task<T> CallAsync<T>(string subcloud, string method, Func<CallInvoker, CallOptions, AsyncUnaryCall<T>> call, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TrackedAsync(subcloud, method, options.CancellationToken, async target =>
        {
            var deadline = channels.Deadline();
            using var pending = call(channels.InvokerFor(target), options.WithDeadline(options.Deadline is { } given && given < deadline ? given : deadline));
            return await pending.ResponseAsync.ConfigureAwait(false);
        });
    }

    /// <summary>
    /// A server stream relayed item by item until the agent ends it or the caller leaves; when the controller stops, the
    /// stream ends with OK and the caller watches again after the restart.
    /// </summary>
    public Task StreamAsync<T>(string subcloud, string method, Func<CallInvoker, CallOptions, AsyncServerStreamingCall<T>> call, Func<T, CancellationToken, Task> relay, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(relay);
        return TrackedAsync(subcloud, method, options.CancellationToken, async target =>
        {
            using var watch = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, lifetime.ApplicationStopping);
            try
            {
                using var stream = call(channels.InvokerFor(target), options.WithCancellationToken(watch.Token));
                await foreach (var item in stream.ResponseStream.ReadAllAsync(watch.Token).ConfigureAwait(false))
                {
                    await relay(item, watch.Token).ConfigureAwait(false);
                }
            }
            catch (Exception stopped) when (lifetime.ApplicationStopping.IsCancellationRequested && !options.CancellationToken.IsCancellationRequested
                && stopped is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                // The controller is stopping: the relay ends normally.
            }

            return true;
        });
    }

    /// <summary>The one place a call on a subcloud's agent is looked up, counted, logged, and its failure sorted.</summary>
    private async Task<T> TrackedAsync<T>(string subcloud, string method, CancellationToken cancellationToken, Func<Subcloud, Task<T>> call)
    {
        var target = await registry.GetAsync(subcloud, cancellationToken).ConfigureAwait(false);
        var outcome = "error";
        try
        {
            var result = await call(target).ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        catch (Exception failure) when (Unreachable(failure))
        {
            outcome = "unreachable";
            throw UnavailableError(target, failure);
        }
        catch (RpcException refused)
        {
            outcome = Outcome(refused.StatusCode);
            throw;
        }
        finally
        {
            telemetry.ProxiedCalls.Add(1, new("method", method), new("outcome", outcome));
            logger.Proxied(method, target.Name, target.Agent.ToString(), outcome);
        }
    }

    /// <summary>
    /// A failure to reach the agent (connect refused, name without an address of the family, broken connection), as
    /// opposed to an UNAVAILABLE the agent itself answered (for example while it starts), which is passed on as it is.
    /// </summary>
    private static bool Unreachable(Exception failure) =>
        failure is HttpRequestException or IOException
        || failure is RpcException { StatusCode: StatusCode.Unavailable, Status.DebugException: HttpRequestException or IOException or System.Net.Sockets.SocketException };

    /// <summary>Status names as in gRPC's documentation, lower case: "failed_precondition".</summary>
    private static string Outcome(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static RpcException UnavailableError(Subcloud target, Exception failure) =>
        new(new Status(StatusCode.Unavailable,
            $"subcloud '{target.Name}': its agent at {target.Agent} ({target.PrimaryFamily}, the primary family, N-35) cannot be reached: {(failure is RpcException rpc ? rpc.Status.Detail : failure.Message)}"));
}
