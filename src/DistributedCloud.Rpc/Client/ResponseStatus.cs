using System.Globalization;
using System.Net.Http.Headers;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;

namespace DistributedCloud.Rpc.Client;

/// <summary>Reads grpc-status, grpc-message, grpc-status-details-bin and metadata from response headers or trailers.</summary>
internal static class ResponseStatus
{
    /// <summary>Where the final status is: the headers of a trailers-only response, else the trailers.</summary>
    public static HttpHeaders FinalHeaders(HttpResponseMessage response) =>
        response.Headers.NonValidated.Contains(GrpcProtocol.StatusHeader) ? response.Headers : response.TrailingHeaders;

    public static RpcMetadata Metadata(HttpHeaders headers)
    {
        var metadata = new RpcMetadata();
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                metadata.TryAddFromWire(header.Key, value);
            }
        }

        return metadata;
    }

    /// <summary>The status in <paramref name="headers"/>, or null when they carry none.</summary>
    public static RpcException? Read(HttpHeaders headers, out RpcStatus status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var codes))
        {
            return null;
        }

        var codeText = codes.ToString();
        if (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            status = new RpcStatus(StatusCode.Unknown, $"The server sent an unparseable grpc-status '{codeText}'.");
            return new RpcException(status);
        }

        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? PercentEncoding.Decode(messages.ToString())
            : string.Empty;
        status = new RpcStatus((StatusCode)code, message);
        if (status.Code == StatusCode.OK)
        {
            return null;
        }

        Google.Rpc.Status? details = null;
        if (headers.NonValidated.TryGetValues(GrpcProtocol.StatusDetailsHeader, out var detailValues))
        {
            try
            {
                details = Google.Rpc.Status.Parser.ParseFrom(BinaryHeaderEncoding.Decode(detailValues.ToString()));
            }
            catch (Exception e) when (e is FormatException or Google.Protobuf.InvalidProtocolBufferException)
            {
                details = null;
            }
        }

        return new RpcException(status, details, Metadata(headers));
    }
}
