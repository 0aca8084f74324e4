using DistributedCloud.Networking.Errors;
using Google.Rpc;

namespace DistributedCloud.Rpc.Status;

/// <summary>
/// The one place where domain refusals become wire statuses (architecture decision 6): the kind of
/// the first error chooses the code, and every error travels as a <c>google.rpc.BadRequest</c> field
/// violation (field, message, and the rule id as the reason).
/// </summary>
public static class DomainErrorMapping
{
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
        var badRequest = new BadRequest();
        foreach (var error in exception.Errors)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = error.Field,
                Description = error.Message,
                Reason = error.Rule,
            });
        }

        return RpcException.WithDetails(ToStatusCode(exception.Kind), exception.Message, badRequest);
    }
}
