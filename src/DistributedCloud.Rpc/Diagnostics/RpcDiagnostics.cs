using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistributedCloud.Rpc.Diagnostics;

/// <summary>The component's tracing source and metric instruments ("DistributedCloud.Rpc").</summary>
public static class RpcDiagnostics
{
    public const string Name = "DistributedCloud.Rpc";

    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Calls handled by the server, tagged rpc.method and rpc.grpc.status_code.</summary>
    internal static Counter<long> ServerCalls { get; } = Meter.CreateCounter<long>("rpc.server.calls", description: "gRPC calls handled by the server.");

    internal static Histogram<double> ServerDuration { get; } = Meter.CreateHistogram<double>("rpc.server.duration", unit: "s", description: "Duration of server calls.");

    /// <summary>Calls made by clients, tagged rpc.method and rpc.grpc.status_code.</summary>
    internal static Counter<long> ClientCalls { get; } = Meter.CreateCounter<long>("rpc.client.calls", description: "gRPC calls made by clients.");

    internal static Histogram<double> ClientDuration { get; } = Meter.CreateHistogram<double>("rpc.client.duration", unit: "s", description: "Duration of client calls.");

    internal static Counter<long> ClientRetries { get; } = Meter.CreateCounter<long>("rpc.client.retries", description: "Client attempts retried after UNAVAILABLE.");
}
