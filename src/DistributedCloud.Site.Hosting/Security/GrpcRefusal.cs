using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>
/// A call refused before any service runs (authentication, authorization, rate limit) answered the way a gRPC server
/// answers: HTTP 200 with only trailers, grpc-status and a readable grpc-message, so every client sees a status code
/// and the reason rather than an HTTP error.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }

    public static Task WriteAsync(HttpContext http, StatusCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/grpc";
        http.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return http.Response.CompleteAsync();
    }
}
