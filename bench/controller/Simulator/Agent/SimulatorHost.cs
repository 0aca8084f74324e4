using System.Net;
using DistributedCloud.Controller.Simulator.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Simulator.Agent;

/// <summary>
/// The simulator process: one HTTP/2 listener on <c>0.0.0.0:PORT</c> (Linux delivers every 127.0.0.0/8 address to
/// it, which is how one listener serves thousands of site addresses) that closes any connection not coming from
/// loopback, and the SubcloudAgent service over the official gRPC server. With a tokens file (<c>--tls</c>): TLS on that
/// listener, each site with its own certificate once its controller enrolled it, and the AgentEnrollment service
/// (<see cref="SimulatedTls"/>); without, plaintext (a controller in development mode dials loopback agents so).
/// </summary>
public static class SimulatorHost
{
    public static WebApplication Build(int sites, int port, string? tlsTokensFile = null)
    {
        var tls = tlsTokensFile is null ? null : new SimulatedTls(tlsTokensFile);
        var builder = WebApplication.CreateSlimBuilder();
        if (Environment.GetEnvironmentVariable("SIM_LOG") is null)
        {
            builder.Logging.ClearProviders();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Listen(IPAddress.Any, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => connection =>
                {
                    // The bench talks to loopback only; anything else is turned away before a byte is read.
                    if (connection.RemoteEndPoint is not IPEndPoint remote || !IPAddress.IsLoopback(remote.Address))
                    {
                        connection.Abort(new ConnectionAbortedException("the subcloud simulator serves loopback only"));
                        return Task.CompletedTask;
                    }

                    return next(connection);
                });
                if (tls is not null)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = context => ValueTask.FromResult(tls.For(context.Connection.LocalEndPoint)),
                    });
                }
            });
        });
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new SimulatedFleet(sites, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<SimulatedAgentService>();
        if (tls is not null)
        {
            builder.Services.AddSingleton(tls);
            builder.Services.AddSingleton<SimulatedEnrollmentService>();
        }

        var app = builder.Build();
        app.MapGrpcService<SimulatedAgentService>();
        if (tls is not null)
        {
            app.MapGrpcService<SimulatedEnrollmentService>();
        }

        return app;
    }
}
