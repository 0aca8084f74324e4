namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>The gRPC server's settings (section "Rpc:Server"); durations as everywhere ("30s", "1m").</summary>
public sealed class GrpcServerOptions
{
    public const string SectionName = "Rpc:Server";

    /// <summary>Largest request message accepted, in bytes (default 4 MiB); larger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put the exception type and message of unexpected handler failures in the status message.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>HTTP/2 PING to a client after this long without frames (at least 1s); empty leaves Kestrel's default (off).</summary>
    public string? KeepAliveInterval { get; set; }

    /// <summary>A client that does not answer a PING within this time (at least 1s) is disconnected.</summary>
    public string KeepAliveTimeout { get; set; } = "20s";

}
