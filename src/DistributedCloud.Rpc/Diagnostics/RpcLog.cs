using DistributedCloud.Rpc.Status;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Rpc.Diagnostics;

/// <summary>The component's log messages.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Bound gRPC method {Path} ({Kind}) to {Implementation}")]
    public static partial void MethodBound(ILogger logger, string path, string kind, string implementation);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "gRPC method {Path} has no handler in {Implementation}; it answers UNIMPLEMENTED")]
    public static partial void MethodNotImplemented(ILogger logger, string path, string implementation);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "gRPC call {Path} ended with {Code}: {Detail}")]
    public static partial void CallEnded(ILogger logger, string path, StatusCode code, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "gRPC handler for {Path} failed")]
    public static partial void HandlerFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "gRPC request refused before dispatch: {Path} {Reason}")]
    public static partial void RequestRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "gRPC call {Path}: ignoring malformed grpc-timeout '{Value}'")]
    public static partial void BadTimeout(ILogger logger, string path, string value);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "gRPC client call {Path} to {Endpoint} failed with {Code} (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void ClientRetry(ILogger logger, string path, string endpoint, StatusCode code, int attempt, double delayMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "gRPC client connecting to {Endpoint} over {Family} at {Address}")]
    public static partial void ClientConnecting(ILogger logger, string endpoint, string family, string address);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "gRPC client: {Message}")]
    public static partial void ClientNoAddress(ILogger logger, string message);
}
