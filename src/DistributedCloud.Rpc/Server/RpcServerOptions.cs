namespace DistributedCloud.Rpc.Server;

/// <summary>Server-side gRPC settings (configuration section "Rpc:Server").</summary>
public sealed class RpcServerOptions
{
    public const string SectionName = "Rpc:Server";

    /// <summary>Largest request message accepted, in bytes (default 4 MiB); larger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = Wire.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put the exception type and message of unexpected handler failures in grpc-message.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>HTTP/2 PING to a client after this long without frames (at least 1 s); null leaves Kestrel's default (off).</summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>A client that does not answer a PING within this time (at least 1 s) is disconnected.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Endpoints to listen on, "address:port" ("[::1]:50051", "0.0.0.0:50051").</summary>
    public List<string> Listen { get; set; } = [];

    public RpcServerTlsOptions Tls { get; set; } = new();
}
