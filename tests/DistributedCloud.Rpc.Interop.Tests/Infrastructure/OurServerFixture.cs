using System.Net;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>One cleartext server of ours on 127.0.0.1, shared by a test class.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    private OurServer? _server;

    internal OurServer Server => _server ?? throw new InvalidOperationException("not started");

    public string Target => $"127.0.0.1:{Server.Port}";

    public async Task InitializeAsync()
    {
        _server = await OurServer.StartAsync(IPAddress.Loopback);
        await PythonPeer.StubsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
