using DistributedCloud.Rpc.Diagnostics;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>The checks every gRPC request passes before a handler sees it.</summary>
internal static class ServerProtocolChecks
{
    /// <summary>Answers and returns the status when the request is refused; null when it may proceed.</summary>
    public static StatusCode? Check(HttpContext http, string path, RpcServerRuntime runtime)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            RpcLog.RequestRefused(runtime.Logger, path, $"method {request.Method}");
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return StatusCode.Internal;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            RpcLog.RequestRefused(runtime.Logger, path, $"content-type '{request.ContentType}'");
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(
                $"Content-Type '{request.ContentType}' is not supported; gRPC requests use {GrpcProtocol.ContentType}.");
            return StatusCode.Internal;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            RpcLog.RequestRefused(runtime.Logger, path, $"protocol {request.Protocol}");
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode($"gRPC needs HTTP/2; the request used {request.Protocol}.");
            return StatusCode.Internal;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            RpcLog.RequestRefused(runtime.Logger, path, $"grpc-encoding '{encoding}'");
            ServerResponses.Refuse(http, StatusCode.Unimplemented,
                $"Message encoding '{encoding}' is not supported; this server accepts: {GrpcProtocol.IdentityEncoding}.",
                GrpcProtocol.IdentityEncoding);
            return StatusCode.Unimplemented;
        }

        return null;
    }
}
