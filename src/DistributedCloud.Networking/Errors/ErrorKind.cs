namespace DistributedCloud.Networking.Errors;

/// <summary>What kind of refusal a <see cref="DomainError"/> is; hosts map it to a wire status once, in one place.</summary>
public enum ErrorKind
{
    /// <summary>The input itself is wrong (gRPC INVALID_ARGUMENT).</summary>
    Invalid,

    /// <summary>The input clashes with something that exists (gRPC ALREADY_EXISTS / conflict).</summary>
    Conflict,

    /// <summary>The named object does not exist (gRPC NOT_FOUND).</summary>
    NotFound,

    /// <summary>The input is fine but the system is not in a state that allows it (gRPC FAILED_PRECONDITION).</summary>
    FailedPrecondition,
}
