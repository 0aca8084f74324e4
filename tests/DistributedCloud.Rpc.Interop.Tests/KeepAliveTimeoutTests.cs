using System.Diagnostics;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Status;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>
/// A peer that stops answering keepalive PINGs (a silent network failure) ends the call as UNAVAILABLE
/// within about the interval plus the timeout. Its own class so it runs alongside <see cref="KeepAliveTests"/>.
/// </summary>
public sealed class KeepAliveTimeoutTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_unanswered_ping_fails_the_call_as_unavailable()
    {
        await using var server = RawHttp2Server.Start(answerPings: false);
        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = server.Address,
            KeepAliveInterval = Interval,
            KeepAliveTimeout = Interval,
        });
        var watch = Stopwatch.StartNew();
        var call = channel.UnaryAsync(Methods.Echo, new EchoRequest(), new CallOptions { Timeout = TimeSpan.FromSeconds(20), Idempotent = false });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(server.PingCount >= 1, "the connection was dropped without a PING");
        Assert.InRange(watch.Elapsed, Interval * 1.5, TimeSpan.FromSeconds(8));
    }
}
