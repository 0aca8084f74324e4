namespace DistributedCloud.Rpc.Server;

/// <summary>
/// A check that runs before the handler of every call of the services it is mapped with
/// (<c>MapRpcService&lt;T&gt;(descriptor, filters)</c>), before the request message is read and the
/// implementation is created: one place for what every method of a service must enforce, such as the
/// agent's fencing (architecture decision 4). Throwing <see cref="Status.RpcException"/> or a
/// <c>DomainException</c> refuses the call with that status, exactly as a handler's throw would.
/// </summary>
public interface IRpcCallFilter
{
    ValueTask OnCallAsync(ServerCallContext context);
}
