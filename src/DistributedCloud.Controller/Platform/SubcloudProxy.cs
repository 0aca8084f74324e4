using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Controller.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// A call on a subcloud's agent made for an admin (a forwarded platform call, a host action's follow-up, the
/// subcloud's alarms), on the kept per-subcloud channel over its primary family (N-35) with the controller's fencing
/// identity. An unknown subcloud is NOT_FOUND naming it; an agent that cannot be reached is UNAVAILABLE naming the
/// subcloud and the address dialled; any other answer of the agent (a refusal with its details) is passed on as it is.
/// </summary>
public sealed class SubcloudProxy(ControllerStore store, AgentChannels channels, ControllerHostTelemetry telemetry, ILogger<SubcloudProxy> logger)
{
    /// <summary>One unary call; <paramref name="method"/> labels it in metrics and logs.</summary>
    public async Task<T> CallAsync<T>(string subcloud, string method, Func<CallInvoker, CallOptions, AsyncUnaryCall<T>> call, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        var target = await store.Registry.GetAsync(subcloud, options.CancellationToken).ConfigureAwait(false);
        var deadline = channels.Deadline();
        var outcome = "ok";
        try
        {
            using var pending = call(channels.InvokerFor(target), options.WithDeadline(options.Deadline is { } given && given < deadline ? given : deadline));
            return await pending.ResponseAsync.ConfigureAwait(false);
        }
        catch (Exception failure) when (Unreachable(failure))
        {
            outcome = "unavailable";
            throw UnavailableError(target, failure);
        }
        catch (RpcException refused)
        {
            outcome = refused.StatusCode.ToString();
            throw;
        }
        finally
        {
            telemetry.ProxiedCalls.Add(1, new("method", method), new("outcome", outcome));
            logger.Proxied(method, target.Name, target.Agent.ToString(), outcome);
        }
    }

    /// <summary>A server stream relayed item by item until the agent ends it or the caller leaves.</summary>
    public async Task StreamAsync<T>(string subcloud, Func<CallInvoker, CallOptions, AsyncServerStreamingCall<T>> call, Func<T, Task> relay, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(relay);
        var target = await store.Registry.GetAsync(subcloud, options.CancellationToken).ConfigureAwait(false);
        try
        {
            using var stream = call(channels.InvokerFor(target), options);
            await foreach (var item in stream.ResponseStream.ReadAllAsync(options.CancellationToken).ConfigureAwait(false))
            {
                await relay(item).ConfigureAwait(false);
            }
        }
        catch (Exception failure) when (Unreachable(failure))
        {
            throw UnavailableError(target, failure);
        }
    }

    private static bool Unreachable(Exception failure) =>
        failure is RpcException { StatusCode: StatusCode.Unavailable } or HttpRequestException;

    private static RpcException UnavailableError(Subcloud target, Exception failure) =>
        new(new Status(StatusCode.Unavailable,
            $"subcloud '{target.Name}': its agent at {target.Agent} ({target.PrimaryFamily}, the primary family, N-35) cannot be reached: {(failure is RpcException rpc ? rpc.Status.Detail : failure.Message)}"));
}
