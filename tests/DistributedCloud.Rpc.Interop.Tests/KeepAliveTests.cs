using System.Diagnostics;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Status;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>The client's HTTP/2 keepalive PINGs, observed on the wire by a bare HTTP/2 server.</summary>
public sealed class KeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_client_pings_a_quiet_connection_every_interval_while_a_call_is_active()
    {
        await using var server = RawHttp2Server.Start();
        await using var quiet = RawHttp2Server.Start();
        using var channel = RpcChannel.Create(new RpcChannelOptions { Address = server.Address, KeepAliveInterval = Interval });
        using var control = RpcChannel.Create(new RpcChannelOptions { Address = quiet.Address });
        using var cancel = new CancellationTokenSource();
        var options = new CallOptions { Timeout = TimeSpan.FromSeconds(20), CancellationToken = cancel.Token };
        var call = channel.UnaryAsync(Methods.Echo, new EchoRequest(), options);
        var controlCall = control.UnaryAsync(Methods.Echo, new EchoRequest(), options);
        await Task.WhenAll(server.StreamOpened, quiet.StreamOpened).WaitAsync(TimeSpan.FromSeconds(10));

        var window = Interval * 4.5;
        var pingsTask = server.PingsWithinAsync(window, enough: 3);
        var controlPings = await quiet.PingsWithinAsync(window, enough: 2);
        var pings = await pingsTask;
        await cancel.CancelAsync();

        Assert.True(pings.Count >= 3, $"expected 3 PINGs within {window.TotalSeconds} s of a silent call, saw {pings.Count}");
        // Keepalive PINGs are paced by the interval (the peer's answer restarts it), not sent in a burst.
        Assert.True(pings[2] - pings[1] >= Interval * 0.8, $"PINGs at {string.Join(", ", pings)}");
        // Without the short interval (default 60 s) at most the one PING the handler may send to measure the RTT.
        Assert.True(controlPings.Count <= 1, $"the control channel sent {controlPings.Count} PINGs");
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode);
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => controlCall)).StatusCode);
    }

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
        Assert.InRange(watch.Elapsed, Interval * 1.5, TimeSpan.FromSeconds(8));
    }
}
