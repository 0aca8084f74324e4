using DistributedCloud.Rpc.Metadata;

namespace DistributedCloud.Rpc.Client;

/// <summary>A unary call's answer with its response headers and trailers.</summary>
public sealed record RpcResult<TResponse>(TResponse Response, RpcMetadata Headers, RpcMetadata Trailers);
