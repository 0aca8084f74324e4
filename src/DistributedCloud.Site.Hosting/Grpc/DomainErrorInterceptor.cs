using DistributedCloud.Networking.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>
/// The one place where domain refusals become gRPC statuses (architecture decision 7): the kind of the first error
/// chooses the code, and the <c>google.rpc.Status</c> details carry every error at once, as a <c>BadRequest</c> field
/// violation each (field, the message naming the value, the rule id as the reason), an <c>ErrorInfo</c> with the first
/// rule, and for a failed precondition a <c>PreconditionFailure</c>. Clients read them with <c>GetRpcStatus()</c>.
/// </summary>
public sealed class DomainErrorInterceptor : Interceptor
{
    public const string ErrorDomain = "distributedcloud";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (DomainException refused)
        {
            throw ToRpcException(refused);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (DomainException refused)
        {
            throw ToRpcException(refused);
        }
    }

    public static StatusCode ToStatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCode.InvalidArgument,
        ErrorKind.Conflict => StatusCode.AlreadyExists,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        _ => StatusCode.Unknown,
    };

    public static RpcException ToRpcException(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = ToStatusCode(exception.Kind);
        var badRequest = new BadRequest();
        var preconditions = new PreconditionFailure();
        foreach (var error in exception.Errors)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = error.Field, Description = error.Message, Reason = error.Rule });
            if (error.Kind == ErrorKind.FailedPrecondition)
            {
                preconditions.Violations.Add(new PreconditionFailure.Types.Violation { Type = error.Rule, Subject = error.Field, Description = error.Message });
            }
        }

        var first = exception.Errors[0];
        var info = new ErrorInfo { Reason = ReasonOf(first.Rule), Domain = ErrorDomain };
        info.Metadata.Add("rule", first.Rule);
        info.Metadata.Add("field", first.Field);
        var status = new Google.Rpc.Status { Code = (int)code, Message = exception.Message };
        status.Details.Add(Any.Pack(badRequest));
        status.Details.Add(Any.Pack(info));
        if (preconditions.Violations.Count > 0)
        {
            status.Details.Add(Any.Pack(preconditions));
        }

        return status.ToRpcException();
    }

    /// <summary>ErrorInfo reasons are UPPER_SNAKE_CASE: "N-14" becomes "RULE_N_14".</summary>
    private static string ReasonOf(string rule) =>
        "RULE_" + new string(rule.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());
}
