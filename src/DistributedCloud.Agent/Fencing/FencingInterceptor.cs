using System.Globalization;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Contracts.Fencing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using System.Security.Claims;
using DistributedCloud.Security.Access;
using DistributedCloud.Site.Hosting.Security;

namespace DistributedCloud.Agent.Fencing;

/// <summary>
/// The one fencing check of the agent (architecture decision 5, G-10 minimal form, S-5), run before every SubcloudAgent
/// call: the claim must be there (INVALID_ARGUMENT otherwise) and match the caller's authenticated identity
/// (PERMISSION_DENIED otherwise); a lower epoch, or another controller at the held epoch above 0, is refused with
/// FAILED_PRECONDITION and <c>ErrorInfo{reason: STALE_LEADERSHIP_EPOCH}</c>; an epoch above the held one with
/// <c>ErrorInfo{reason: LEADERSHIP_EPOCH_ABOVE_HELD}</c>, nothing recorded (epochs advance with geo-redundancy, G-11).
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

    private Task AdmitAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = FencingToken.ReadFrom(context.RequestHeaders);
        var caller = context.GetHttpContext().User;
        CheckClaim(token, caller, context.Method);
        var (decision, current) = leadership.Admit(token.ControllerId, token.LeadershipEpoch);
        telemetry.FencingDecisions.Add(1, new KeyValuePair<string, object?>("decision", decision.ToString().ToLowerInvariant()));
        switch (decision)
        {
            case FencingDecision.AboveHeld:
                logger.EpochAboveHeldRefused(context.Method, token.ControllerId, token.LeadershipEpoch, Show(current.ControllerId), current.Epoch);
                throw AboveHeld(token, current);
            case FencingDecision.Stale:
                logger.StaleLeaderRefused(context.Method, token.ControllerId, token.LeadershipEpoch, Show(current.ControllerId), current.Epoch);
                throw Refusal(token, current);
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>
    /// S-5: a controller's claim must be the id its certificate names; a caller that is no controller (an administrator's
    /// token or access certificate) may only make the operator's claim. Development mode's callers prove nothing.
    /// </summary>
    private void CheckClaim(FencingToken token, ClaimsPrincipal caller, string method)
    {
        if (caller.FindFirst(AccessClaims.AuthenticationMethod)?.Value == AccessAuthenticationHandler.DevelopmentIdentity)
        {
            return;
        }

        var certified = caller.FindFirst(AccessClaims.ControllerId)?.Value;
        string? problem = certified switch
        {
            null when token != FencingToken.Operator =>
                $"'{caller.Identity()}' is not a controller and may not claim controller '{token.ControllerId}' at epoch {token.LeadershipEpoch}; an administrator's call claims '{FencingToken.Operator.ControllerId}' at epoch 0 (S-5)",
            not null when !string.Equals(certified, token.ControllerId, StringComparison.Ordinal) =>
                $"the call claims controller '{token.ControllerId}' but its certificate names controller '{certified}' (S-5)",
            _ => null,
        };
        if (problem is not null)
        {
            logger.ClaimRefused(method, caller.Identity(), token.ControllerId);
            throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, problem));
        }
    }

    private static RpcException AboveHeld(FencingToken caller, Leadership current)
    {
        var info = new ErrorInfo { Reason = FencingMetadata.EpochAboveHeldReason, Domain = FencingMetadata.ErrorDomain };
        info.Metadata.Add("current_controller_id", current.ControllerId);
        info.Metadata.Add("current_epoch", current.Epoch.ToString(CultureInfo.InvariantCulture));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = $"Controller '{caller.ControllerId}' claims leadership epoch {caller.LeadershipEpoch}, above the epoch {current.Epoch} this site holds; "
                + "an agent does not advance its epoch on a caller's word (S-5). Call with the epoch the site holds.",
        };
        status.Details.Add(Any.Pack(info));
        return status.ToRpcException();
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
