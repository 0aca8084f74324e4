using System.Globalization;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Contracts.Fencing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Agent.Fencing;

/// <summary>
/// The one fencing check of the agent (architecture decision 5, G-10 minimal form), run before every SubcloudAgent
/// call: the caller's identity must be there (INVALID_ARGUMENT otherwise); a lower epoch, or another controller at the
/// current epoch above 0, is refused with FAILED_PRECONDITION and <c>ErrorInfo{reason: STALE_LEADERSHIP_EPOCH}</c>; a
/// higher epoch makes its controller the leader, recorded before the call runs. Epoch 0 is "no geo-redundancy": every
/// caller at epoch 0 (such as an operator's <c>dcctl --agent</c>) is obeyed until a controller claims an epoch above 0.
/// </summary>
public sealed class FencingInterceptor(LeadershipStore leadership, AgentTelemetry telemetry, ILogger<FencingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context).ConfigureAwait(false);
        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private async Task AdmitAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = FencingToken.ReadFrom(context.RequestHeaders);
        var (decision, before) = await leadership.AdmitAsync(token.ControllerId, token.LeadershipEpoch, context.CancellationToken).ConfigureAwait(false);
        telemetry.FencingDecisions.Add(1, new KeyValuePair<string, object?>("decision", decision.ToString().ToLowerInvariant()));
        switch (decision)
        {
            case FencingDecision.Advanced:
                using (var activity = AgentTelemetry.ActivitySource.StartActivity("fencing advance"))
                {
                    activity?.SetTag("dc.controller_id", token.ControllerId);
                    activity?.SetTag("dc.epoch", token.LeadershipEpoch);
                }

                logger.LeadershipAdvanced(token.ControllerId, token.LeadershipEpoch, Show(before.ControllerId), before.Epoch);
                return;
            case FencingDecision.Stale:
                logger.StaleLeaderRefused(context.Method, token.ControllerId, token.LeadershipEpoch, Show(before.ControllerId), before.Epoch);
                throw Refusal(token, before);
            default:
                return;
        }
    }

    private static string Show(string controllerId) => controllerId.Length == 0 ? "(none)" : controllerId;

    private static RpcException Refusal(FencingToken caller, Leadership current)
    {
        var why = caller.LeadershipEpoch < current.Epoch
            ? $"its epoch {caller.LeadershipEpoch} is lower than {current.Epoch}"
            : $"epoch {current.Epoch} belongs to controller '{current.ControllerId}'";
        var info = new ErrorInfo { Reason = FencingMetadata.StaleEpochReason, Domain = FencingMetadata.ErrorDomain };
        info.Metadata.Add("current_controller_id", current.ControllerId);
        info.Metadata.Add("current_epoch", current.Epoch.ToString(CultureInfo.InvariantCulture));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = $"Controller '{caller.ControllerId}' at leadership epoch {caller.LeadershipEpoch} is not this site's leader: {why} (G-10). "
                + $"The site obeys '{current.ControllerId}' at epoch {current.Epoch}; a controller that lost leadership steps down, a new leader calls with a higher epoch.",
        };
        status.Details.Add(Any.Pack(info));
        return status.ToRpcException();
    }
}
