namespace DistributedCloud.Rpc.Server;

/// <summary>The four shapes of a gRPC method.</summary>
public enum RpcMethodKind
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    DuplexStreaming,
}
