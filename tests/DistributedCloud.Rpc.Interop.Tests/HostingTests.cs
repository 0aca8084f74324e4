using System.Net;
using System.Net.Sockets;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Hosting;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Interop.Tests.Services;
using DistributedCloud.Rpc.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>A host configured the way the agent and controller will be: from configuration, validated at start.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Bad_settings_stop_the_start_and_every_bad_key_is_named()
    {
        // Whether building the host (Kestrel's endpoints) or starting it (ValidateOnStart) meets the
        // settings first, the answer is one exception naming every bad key.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(new Dictionary<string, string?>
            {
                ["Rpc:Server:MaxReceiveMessageSize"] = "0",
                ["Rpc:Server:Listen:0"] = "nonsense",
                ["Rpc:Server:Tls:Enabled"] = "true",
            });
            await app.StartAsync();
        });

        var failures = error.Failures.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:MaxReceiveMessageSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Listen:0 'nonsense'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Tls:CertificatePath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Tls:KeyPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_mutual_tls_endpoint_serves_a_client_with_a_certificate_of_the_ca()
    {
        using var pki = new TestPki();
        int port;
        using (var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var app = Build(new Dictionary<string, string?>
        {
            ["Rpc:Server:Listen:0"] = $"[::1]:{port}",
            ["Rpc:Server:MaxReceiveMessageSize"] = "1024",
            ["Rpc:Server:KeepAliveInterval"] = "00:00:30",
            ["Rpc:Server:Tls:Enabled"] = "true",
            ["Rpc:Server:Tls:CertificatePath"] = pki.ServerCertPath,
            ["Rpc:Server:Tls:KeyPath"] = pki.ServerKeyPath,
            ["Rpc:Server:Tls:RequireClientCertificate"] = "true",
            ["Rpc:Server:Tls:ClientCaPath"] = pki.CaPath,
        });
        await using (app)
        {
            await app.StartAsync();
            using var channel = RpcChannel.Create(new RpcChannelOptions
            {
                Address = $"https://[::1]:{port}",
                Tls = new RpcClientTls(pki.Authorities, pki.Client),
                DefaultTimeout = TimeSpan.FromSeconds(10),
            });

            var echoed = await channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "configured" });
            Assert.Equal(("configured", "CN=controller-a", "IPv6"), (echoed.Text, echoed.ClientCertificateSubject, echoed.ArrivalFamily));

            // The configured receive limit applies.
            var big = await Assert.ThrowsAsync<Status.RpcException>(() =>
                channel.UnaryAsync(Methods.Echo, new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[2000]) }));
            Assert.Equal(Status.StatusCode.ResourceExhausted, big.StatusCode);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_call_filter_runs_before_every_call_of_its_service_and_its_refusal_is_the_status()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var filter = new RequireHeaderFilter();
        await using var app = Build(new Dictionary<string, string?> { ["Rpc:Server:Listen:0"] = $"127.0.0.1:{port}" }, filter);
        await app.StartAsync();
        using var channel = RpcChannel.Create(new RpcChannelOptions { Address = $"http://127.0.0.1:{port}", DefaultTimeout = TimeSpan.FromSeconds(10) });

        var refused = await Assert.ThrowsAsync<Status.RpcException>(() => channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "no" }));
        Assert.Equal(Status.StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("x-allow is missing", refused.Status.Detail);

        var headers = new Metadata.RpcMetadata { { "x-allow", "yes" } };
        var echoed = await channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "yes" }, new CallOptions { Headers = headers });
        Assert.Equal("yes", echoed.Text);
        Assert.Equal(["/distributedcloud.testing.v1.InteropTest/Echo", "/distributedcloud.testing.v1.InteropTest/Echo"], filter.Seen);
        await app.StopAsync();
    }

    private sealed class RequireHeaderFilter : Server.IRpcCallFilter
    {
        public List<string> Seen { get; } = [];

        public ValueTask OnCallAsync(Server.ServerCallContext context)
        {
            lock (Seen)
            {
                Seen.Add(context.Method);
            }

            return context.RequestHeaders.GetValue("x-allow") is null
                ? throw new Status.RpcException(Status.StatusCode.PermissionDenied, "x-allow is missing")
                : ValueTask.CompletedTask;
        }
    }

    private static WebApplication Build(Dictionary<string, string?> settings, params Server.IRpcCallFilter[] filters)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<CallObserver>();
        builder.Services.AddRpcServer(builder.Configuration);
        builder.WebHost.UseRpcEndpoints();
        var app = builder.Build();
        app.MapRpcService<InteropService>(InteropReflection.Descriptor.Services[0], filters);
        app.MapRpcUnimplemented();
        return app;
    }
}
