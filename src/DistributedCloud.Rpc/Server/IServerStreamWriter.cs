namespace DistributedCloud.Rpc.Server;

/// <summary>Writes the response messages of a server-streaming or duplex call, one at a time.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
