using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Status;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>
/// The client's HTTP/2 keepalive PINGs, observed on the wire by a bare HTTP/2 server that never answers
/// the call. SocketsHttpHandler checks the interval on a one-second heartbeat, so with a 1 s interval a
/// PING goes out every 1 to 2 s of silence.
/// </summary>
public sealed class KeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_client_pings_a_silent_connection_while_a_call_is_active()
    {
        await using var server = RawHttp2Server.Start();
        await using var quiet = RawHttp2Server.Start();
        using var channel = RpcChannel.Create(new RpcChannelOptions { Address = server.Address, KeepAliveInterval = Interval });
        using var control = RpcChannel.Create(new RpcChannelOptions { Address = quiet.Address }); // default interval: 60 s
        using var cancel = new CancellationTokenSource();
        var options = new CallOptions { Timeout = TimeSpan.FromSeconds(20), CancellationToken = cancel.Token };
        var call = channel.UnaryAsync(Methods.Echo, new EchoRequest(), options);
        var controlCall = control.UnaryAsync(Methods.Echo, new EchoRequest(), options);
        await Task.WhenAll(server.StreamOpened, quiet.StreamOpened).WaitAsync(TimeSpan.FromSeconds(10));

        var pings = await server.PingsWithinAsync(Interval * 6, enough: 2);
        var controlPings = quiet.PingCount;
        await cancel.CancelAsync();

        Assert.True(pings.Count >= 2, $"expected 2 PINGs within {(Interval * 6).TotalSeconds} s of a silent call, saw {pings.Count}");
        // Paced by the interval (each answered PING restarts it), not a burst.
        Assert.True(pings[1] - pings[0] >= Interval * 0.8, $"PINGs at {string.Join(", ", pings)}");
        // Over the same silence the control channel sent at most the one PING the handler may use to measure the RTT.
        Assert.True(controlPings <= 1, $"the control channel sent {controlPings} PINGs");
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode);
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => controlCall)).StatusCode);
    }
}
