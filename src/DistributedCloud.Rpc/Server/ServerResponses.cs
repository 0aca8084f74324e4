using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>How a call's status reaches the wire: trailers after data, or a trailers-only response.</summary>
internal static class ServerResponses
{
    private static readonly string[] CodeText = Enumerable.Range(0, 17)
        .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static void AppendHeader(IHeaderDictionary headers, MetadataEntry entry) =>
        headers.Append(entry.Key, entry.Value);

    /// <summary>
    /// Ends the call with <paramref name="status"/>: as trailers if the response has started, otherwise
    /// as a trailers-only response (one HEADERS frame with END_STREAM carrying the status).
    /// </summary>
    public static void Complete(HttpContext http, RpcStatus status, Google.Rpc.Status? details, RpcMetadata? trailers)
    {
        var response = http.Response;
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            Write(response.Headers, status, details, trailers);
            return;
        }

        if (!response.SupportsTrailers())
        {
            return;
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                response.AppendTrailer(entry.Key, entry.Value);
            }
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, Code(status.Code));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }

        if (details is not null)
        {
            response.AppendTrailer(GrpcProtocol.StatusDetailsHeader, BinaryHeaderEncoding.Encode(details.ToByteArray()));
        }
    }

    /// <summary>Answers a request that never reached a handler (trailers-only, HTTP 200).</summary>
    public static void Refuse(HttpContext http, StatusCode code, string detail, string? acceptEncoding = null)
    {
        if (acceptEncoding is not null)
        {
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = acceptEncoding;
        }

        Complete(http, new RpcStatus(code, detail), null, null);
    }

    private static string Code(StatusCode code) =>
        (int)code >= 0 && (int)code < CodeText.Length ? CodeText[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Write(IHeaderDictionary headers, RpcStatus status, Google.Rpc.Status? details, RpcMetadata? trailers)
    {
        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                AppendHeader(headers, entry);
            }
        }

        headers[GrpcProtocol.StatusHeader] = Code(status.Code);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }

        if (details is not null)
        {
            headers[GrpcProtocol.StatusDetailsHeader] = BinaryHeaderEncoding.Encode(details.ToByteArray());
        }
    }
}
