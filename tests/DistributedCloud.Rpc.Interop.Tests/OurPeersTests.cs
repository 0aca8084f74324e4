using System.Net;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Fencing;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Status;
using Google.Rpc;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>Our client against our server: what the controller and the agents will run.</summary>
public sealed class OurPeersTests : IClassFixture<OurServerFixture>, IDisposable
{
    private readonly OurServerFixture _fixture;
    private readonly RpcChannel _channel;

    public OurPeersTests(OurServerFixture fixture)
    {
        _fixture = fixture;
        _channel = RpcChannel.Create(new RpcChannelOptions { Address = $"http://{fixture.Target}", DefaultTimeout = TimeSpan.FromSeconds(20) });
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Domain_errors_arrive_as_field_violations()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.AddAddressPool,
            new AddAddressPoolRequest { Network = "10.0.0.1", Prefix = 24 }, new CallOptions { Fencing = new FencingToken("c", 1) }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(["name", "network"], violations.Select(v => v.Field).ToArray());
        Assert.All(violations, v => Assert.Equal("N-4", v.Reason));
    }

    [Fact]
    public async Task Streams_with_and_without_messages_end_ok()
    {
        foreach (var count in new[] { 0, 3 })
        {
            using var call = _channel.ServerStreaming(Methods.Count, new CountRequest { Count = count });
            var items = new List<int>();
            await foreach (var item in call.ReadAllAsync())
            {
                items.Add(item.Index);
            }

            Assert.Equal(Enumerable.Range(0, count), items);
            Assert.NotNull(call.Trailers);
        }
    }

    [Fact]
    public async Task Client_streaming_and_duplex_calls_work()
    {
        Assert.Equal(55, await StreamingScenarios.SumAsync(_channel));
        Assert.Equal([10, 20, 30], await StreamingScenarios.ChatAsync(_channel));
    }

    [Fact]
    public async Task The_deadline_reaches_the_handler_and_the_caller()
    {
        var tag = Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.Echo,
            new EchoRequest { DelayMs = 10_000, Tag = tag }, new CallOptions { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await _fixture.Server.Observer.WaitCancelledAsync(tag, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancellation_reaches_the_handler()
    {
        var tag = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();
        using var call = _channel.ServerStreaming(Methods.Count, new CountRequest { Count = 100_000, IntervalMs = 10, Tag = tag },
            new CallOptions { CancellationToken = cancel.Token });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in call.ReadAllAsync())
            {
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await _fixture.Server.Observer.WaitCancelledAsync(tag, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Response_headers_and_trailers_carry_metadata()
    {
        var result = await _channel.UnaryCallAsync(Methods.Echo, new EchoRequest { Text = "t" });
        Assert.Equal("done", result.Trailers.GetValue("echo-trailer"));
        Assert.Equal(new byte[] { 0, 1, 0xFE, 0xFF }, result.Trailers.GetBytes("echo-trailer-bin"));
        Assert.StartsWith("ipv4:127.0.0.1:", result.Response.Peer, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Loopback.ToString(), result.Response.Peer[5..result.Response.Peer.LastIndexOf(':')]);
    }
}
