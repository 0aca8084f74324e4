namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>One cleartext grpc-js server on 127.0.0.1, shared by a test class.</summary>
public sealed class NodeServerFixture : IAsyncLifetime
{
    private PeerServer? _server;

    public int Port => _server?.Port ?? throw new InvalidOperationException("not started");

    public string Address => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync() => _server = await NodePeer.StartServerAsync("--host", "127.0.0.1");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
