using System.Net;
using DistributedCloud.Site.Hosting.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>
/// A real gRPC server (Grpc.AspNetCore on Kestrel, an ephemeral loopback port) serving a stand-in system controller's
/// admin API and the platform API, with the product's error mapping, so dcctl's calls cross the wire as they do
/// against the real hosts.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInServer(WebApplication app, StandInController controller, StandInAgent agent, string address)
    {
        _app = app;
        Controller = controller;
        Agent = agent;
        Address = address;
    }

    public StandInController Controller { get; }

    public StandInAgent Agent { get; }

    /// <summary><c>http://127.0.0.1:PORT</c></summary>
    public string Address { get; }

    public static async Task<StandInServer> StartAsync(StandInController? controller = null)
    {
        controller ??= new StandInController();
        var agent = new StandInAgent();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.Interceptors.Add<DomainErrorInterceptor>());
        builder.Services.AddSingleton(controller);
        builder.Services.AddSingleton(agent);
        var app = builder.Build();
        app.MapGrpcService<StandInController>();
        app.MapGrpcService<StandInAgent>();
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new StandInServer(app, controller, agent, $"http://127.0.0.1:{bound.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
