namespace DistributedCloud.Rpc.Wire;

/// <summary>Names and values of the gRPC-over-HTTP/2 protocol (grpc/grpc PROTOCOL-HTTP2.md).</summary>
public static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string BinaryHeaderSuffix = "-bin";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";

    /// <summary>The user agent this implementation announces, in the grpc-LANG/VERSION style.</summary>
    public const string UserAgent = "grpc-dotnet-distributedcloud/1.0";

    /// <summary>Length of the frame header: one compressed-flag byte and a 4-byte big-endian length.</summary>
    public const int FrameHeaderLength = 5;

    /// <summary>The default maximum size of a received message (4 MiB, as in every gRPC implementation).</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True when <paramref name="contentType"/> is a gRPC content type this layer speaks (protobuf).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var end = rest.IndexOf(';');
        var subtype = (end >= 0 ? rest[..end] : rest).Trim();
        return subtype.Length == 0 || subtype.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }
}
