namespace DistributedCloud.Rpc.Server;

/// <summary>A provider with nothing in it, for building handlers whose constructor takes nothing.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static EmptyServiceProvider Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
