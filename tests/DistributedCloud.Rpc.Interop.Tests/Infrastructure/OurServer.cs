using System.Net;
using System.Net.Sockets;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Hosting;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Interop.Tests.Services;
using DistributedCloud.Rpc.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>Our gRPC server on Kestrel, serving the interop test service and a test agent, on ephemeral loopback ports.</summary>
internal sealed class OurServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OurServer(WebApplication app, CallObserver observer, int port)
    {
        _app = app;
        Observer = observer;
        Port = port;
    }

    public CallObserver Observer { get; }

    public int Port { get; }

    /// <summary>Starts on <paramref name="addresses"/>, all on the same ephemeral port.</summary>
    public static async Task<OurServer> StartAsync(IPAddress[] addresses, RpcServerTls? tls = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = addresses.Length == 1 ? 0 : FreePort(addresses[0]);
            try
            {
                return await StartOnAsync(addresses, port, tls);
            }
            catch (IOException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind: try another.
            }
        }
    }

    public static Task<OurServer> StartAsync(IPAddress address, RpcServerTls? tls = null) => StartAsync([address], tls);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async Task<OurServer> StartOnAsync(IPAddress[] addresses, int port, RpcServerTls? tls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("DistributedCloud.Rpc", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
            {
                kestrel.ListenRpc(new IPEndPoint(address, port), tls);
            }
        });
        var observer = new CallObserver();
        builder.Services.AddSingleton(observer);
        builder.Services.AddRpcServer();
        var app = builder.Build();
        app.MapRpcService<InteropService>(InteropReflection.Descriptor.Services[0]);
        app.MapRpcService<TestAgentService>(AgentReflection.Descriptor.Services[0]);
        app.MapRpcUnimplemented();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OurServer(app, observer, new Uri(bound).Port);
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
