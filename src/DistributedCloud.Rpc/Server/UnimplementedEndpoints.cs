using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>Answers gRPC requests for services or methods this server does not serve.</summary>
internal static class UnimplementedEndpoints
{
    public static Task MethodAsync(HttpContext http, string path) =>
        RefuseAsync(http, $"Method {path} is not implemented by this server.");

    public static Task UnknownAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        return RefuseAsync(http, $"No service or method is served at {path}.");
    }

    private static Task RefuseAsync(HttpContext http, string detail)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        ServerResponses.Refuse(http, StatusCode.Unimplemented, detail);
        return Task.CompletedTask;
    }
}
