using System.Diagnostics;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using Google.Rpc;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>Our client calling the official Node.js server (@grpc/grpc-js).</summary>
public sealed class OurClientNodeTests : IClassFixture<NodeServerFixture>, IDisposable
{
    private readonly RpcChannel _channel;

    public OurClientNodeTests(NodeServerFixture fixture)
    {
        _channel = RpcChannel.Create(new RpcChannelOptions { Address = fixture.Address, DefaultTimeout = TimeSpan.FromSeconds(20) });
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Unary_call_carries_ascii_and_binary_metadata_both_ways()
    {
        var raw = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var result = await _channel.UnaryCallAsync(Methods.Echo, new EchoRequest { Text = "h\u00e9llo" }, new CallOptions
        {
            Headers = new RpcMetadata().Add("x-text", "plain value").Add("x-raw-bin", raw),
        });

        Assert.Equal("h\u00e9llo", result.Response.Text);
        Assert.Equal("plain value", result.Response.Metadata["x-text"]);
        Assert.Equal(raw, result.Response.BinaryMetadata["x-raw-bin"].ToByteArray());
        Assert.True(result.Response.HadDeadline);
        Assert.Equal("done", result.Trailers.GetValue("echo-trailer"));
        Assert.Equal(new byte[] { 0, 1, 0xFE, 0xFF }, result.Trailers.GetBytes("echo-trailer-bin"));
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var call = _channel.ServerStreaming(Methods.Count, new CountRequest { Count = 7 });
        var items = new List<int>();
        await foreach (var item in call.ReadAllAsync())
        {
            items.Add(item.Index);
        }

        Assert.Equal(Enumerable.Range(0, 7), items);
    }

    [Fact]
    public async Task The_deadline_expires_as_deadline_exceeded()
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(Methods.Echo, new EchoRequest { DelayMs = 5000 }, new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Error_status_arrives_with_message_details_and_trailers()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.Echo,
            new EchoRequest { FailCode = 9, FailMessage = "pool 'oam' is in use: 100% busy \u2713", FailWithDetails = true }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("pool 'oam' is in use: 100% busy \u2713", error.Status.Detail);
        Assert.Equal(9, error.Details!.Code);
        var violation = Assert.Single(error.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(("text", "grpc-js says no", "JS-1"), (violation.Field, violation.Description, violation.Reason));
        Assert.Equal("done", error.Trailers.GetValue("echo-trailer"));
        Assert.Equal(new byte[] { 0, 1, 0xFE, 0xFF }, error.Trailers.GetBytes("echo-trailer-bin"));
    }

    [Fact]
    public async Task A_method_the_server_lacks_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.GetSite, new Contracts.Agent.V1.GetSiteRequest()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("GetSite", error.Status.Detail, StringComparison.Ordinal);
    }
}
