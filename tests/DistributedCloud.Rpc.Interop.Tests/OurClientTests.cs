using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using Google.Protobuf;
using Google.Rpc;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>Our client calling the official server (grpcio).</summary>
public sealed class OurClientTests : IClassFixture<PythonServerFixture>, IDisposable
{
    private readonly RpcChannel _channel;

    public OurClientTests(PythonServerFixture fixture)
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
    public async Task Calls_share_one_connection()
    {
        var peers = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            peers.Add((await _channel.UnaryAsync(Methods.Echo, new EchoRequest { Text = "again" })).Peer);
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _channel.UnaryAsync(Methods.Echo, new EchoRequest())));
        peers.UnionWith(concurrent.Select(r => r.Peer));
        Assert.Single(peers);
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
    public async Task An_empty_stream_ends_ok()
    {
        using var call = _channel.ServerStreaming(Methods.Count, new CountRequest { Count = 0 });
        var items = new List<CountItem>();
        await foreach (var item in call.ReadAllAsync())
        {
            items.Add(item);
        }

        Assert.Empty(items);
    }

    [Fact]
    public async Task Client_streaming_and_duplex_calls_work()
    {
        Assert.Equal(55, await StreamingScenarios.SumAsync(_channel));
        Assert.Equal([10, 20, 30], await StreamingScenarios.ChatAsync(_channel));
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
    public async Task Cancelling_a_stream_ends_it_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        using var call = _channel.ServerStreaming(Methods.Count, new CountRequest { Count = 100_000, IntervalMs = 20 },
            new CallOptions { CancellationToken = cancel.Token });
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in call.ReadAllAsync())
            {
                if (++received == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(2, received);
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
        Assert.Equal(("text", "python says no", "PY-1"), (violation.Field, violation.Description, violation.Reason));
        Assert.Equal("done", error.Trailers.GetValue("echo-trailer"));
    }

    [Fact]
    public async Task Four_mebibyte_messages_pass_both_ways()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[4194299]) };
        Assert.Equal(4 * 1024 * 1024, request.CalculateSize());
        Assert.Equal(4194299, (await _channel.UnaryAsync(Methods.Echo, request)).PayloadSize);

        var response = await _channel.UnaryAsync(Methods.Echo, new EchoRequest { ResponseSize = 4194299 });
        Assert.Equal(4 * 1024 * 1024, response.CalculateSize());
    }

    [Fact]
    public async Task Oversize_messages_are_resource_exhausted_in_both_directions()
    {
        var sent = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(Methods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[4194300]) }));
        Assert.Equal(StatusCode.ResourceExhausted, sent.StatusCode);

        var received = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(Methods.Echo, new EchoRequest { ResponseSize = 4194300 }));
        Assert.Equal(StatusCode.ResourceExhausted, received.StatusCode);
        Assert.Contains("4194305 vs. 4194304", received.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_the_server_lacks_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.GetSite, new GetSiteRequest()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Idempotent_calls_are_retried_on_unavailable_and_others_are_not()
    {
        int port;
        using (var probe = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var retries = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "DistributedCloud.Rpc" && instrument.Name == "rpc.client.retries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.method" && Equals(tag.Value, Methods.Echo.Path))
                {
                    Interlocked.Add(ref retries, value);
                }
            }
        });
        listener.Start();

        using var channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = $"http://127.0.0.1:{port}",
            Retry = new RetryOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(50) },
        });
        var idempotent = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, idempotent.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", idempotent.Status.Detail, StringComparison.Ordinal);
        var afterIdempotent = Interlocked.Read(ref retries);

        var once = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.Echo, new EchoRequest(), new CallOptions { Idempotent = false }));
        Assert.Equal(StatusCode.Unavailable, once.StatusCode);

        Assert.Equal(2, afterIdempotent);
        Assert.Equal(2, Interlocked.Read(ref retries));
    }
}
