using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Server;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Tests.Client;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Every_bad_channel_key_is_reported_at_once()
    {
        var options = new RpcChannelOptions
        {
            Address = "https://agent:50051/path",
            MaxReceiveMessageSize = 0,
            KeepAliveInterval = TimeSpan.Zero,
            TlsKeyPath = "/nonexistent/key.pem",
            Retry = new RetryOptions { MaxAttempts = 0, Jitter = 2 },
        };

        var failures = RpcChannelOptionsValidator.Check(options, "Agents:Channel");

        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:Address", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:MaxReceiveMessageSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:KeepAliveInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:TlsKeyPath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:Retry:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agents:Channel:Retry:Jitter", StringComparison.Ordinal));
        var thrown = Assert.Throws<OptionsValidationException>(() => RpcChannel.Create(options));
        Assert.True(thrown.Failures.Count() >= 6);
    }

    [Fact]
    public void Keepalive_below_one_second_is_reported_not_thrown_by_the_handler()
    {
        // SocketsHttpHandler refuses keepalive settings under 1 s with an ArgumentOutOfRangeException.
        var options = new RpcChannelOptions
        {
            Address = "http://[::1]:50051",
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(999),
        };

        var thrown = Assert.Throws<OptionsValidationException>(() => RpcChannel.Create(options));

        Assert.Equal(2, thrown.Failures.Count());
        Assert.Contains(thrown.Failures, f => f.StartsWith("RpcChannel:KeepAliveInterval must be at least 1 s", StringComparison.Ordinal));
        Assert.Contains(thrown.Failures, f => f.StartsWith("RpcChannel:KeepAliveTimeout must be at least 1 s", StringComparison.Ordinal));
        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = "http://[::1]:50051",
            KeepAliveInterval = TimeSpan.FromSeconds(1),
            KeepAliveTimeout = TimeSpan.FromSeconds(1),
        });

        // Kestrel has the same floor for the server's PINGs.
        var server = new RpcServerOptionsValidator().Validate(null, new RpcServerOptions
        {
            Listen = ["[::1]:50051"],
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(500),
        });
        Assert.Equal(2, server.Failures!.Count());
        Assert.Contains(server.Failures!, f => f.StartsWith("Rpc:Server:KeepAliveInterval must be at least 1 s", StringComparison.Ordinal));
        Assert.Contains(server.Failures!, f => f.StartsWith("Rpc:Server:KeepAliveTimeout must be at least 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public void An_https_channel_needs_a_ca()
    {
        var failures = RpcChannelOptionsValidator.Check(new RpcChannelOptions { Address = "https://[::1]:50051" }, "c");
        Assert.Contains(failures, f => f.StartsWith("c:TlsCaPath", StringComparison.Ordinal));
        Assert.Empty(RpcChannelOptionsValidator.Check(new RpcChannelOptions { Address = "http://[::1]:50051" }, "c"));
    }

    [Fact]
    public void Every_bad_server_key_is_reported_at_once()
    {
        var options = new RpcServerOptions
        {
            MaxReceiveMessageSize = -1,
            MaxSendMessageSize = 0,
            Listen = ["[::1]:50051", "nonsense", "127.0.0.1:0"],
            Tls = new RpcServerTlsOptions { Enabled = true, RequireClientCertificate = true },
        };

        var result = new RpcServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Listen:1 'nonsense'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Listen:2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Rpc:Server:Tls:ClientCaPath", StringComparison.Ordinal));
        Assert.True(new RpcServerOptionsValidator().Validate(null, new RpcServerOptions { Listen = ["[::1]:50051"] }).Succeeded);
    }

    [Fact]
    public void Backoff_grows_to_its_cap_with_bounded_jitter()
    {
        var retry = new RetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(350), BackoffMultiplier = 2, Jitter = 0.2 };
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var first = retry.BackoffFor(2, random).TotalMilliseconds;
            var second = retry.BackoffFor(3, random).TotalMilliseconds;
            var capped = retry.BackoffFor(6, random).TotalMilliseconds;
            Assert.InRange(first, 80, 120);
            Assert.InRange(second, 160, 240);
            Assert.InRange(capped, 280, 420);
        }
    }
}
