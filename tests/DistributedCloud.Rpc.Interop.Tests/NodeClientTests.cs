using System.Text.Json;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>The official Node.js client (@grpc/grpc-js) calling our server.</summary>
public sealed class NodeClientTests : IClassFixture<OurServerFixture>
{
    private readonly OurServerFixture _fixture;

    public NodeClientTests(OurServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Unary_call_carries_ascii_and_binary_metadata_both_ways()
    {
        var result = await NodePeer.RunClientAsync("unary", _fixture.Target);

        Assert.Equal("OK", Code(result));
        Assert.Equal("h\u00e9llo w\u00f6rld", result.GetProperty("text").GetString());
        Assert.Equal("plain value", result.GetProperty("metadata").GetProperty("x-text").GetString());
        Assert.Equal(Convert.ToBase64String(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
            result.GetProperty("binary_metadata").GetProperty("x-raw-bin").GetString());
        Assert.Equal("IPv4", result.GetProperty("arrival_family").GetString());
        Assert.True(result.GetProperty("had_deadline").GetBoolean());
        Assert.Equal("done", result.GetProperty("trailers").GetProperty("echo-trailer").GetString());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 1, 0xFE, 0xFF }), result.GetProperty("binary_trailers").GetProperty("echo-trailer-bin").GetString());
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        var result = await NodePeer.RunClientAsync("stream", _fixture.Target);
        Assert.Equal("OK", Code(result));
        Assert.Equal([0, 1, 2, 3, 4], result.GetProperty("items").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public async Task The_deadline_expires_and_the_handler_sees_it()
    {
        var tag = Guid.NewGuid().ToString("N");
        var result = await NodePeer.RunClientAsync("deadline", _fixture.Target, "--tag", tag);

        Assert.Equal("DEADLINE_EXCEEDED", Code(result));
        Assert.InRange(result.GetProperty("elapsed").GetDouble(), 0.2, 3.0);
        Assert.True(await _fixture.Server.Observer.WaitCancelledAsync(tag, TimeSpan.FromSeconds(5)), "the handler's token was not cancelled by the deadline");
    }

    [Fact]
    public async Task Error_status_carries_a_percent_encoded_message_and_rich_details()
    {
        var result = await NodePeer.RunClientAsync("error", _fixture.Target);

        Assert.Equal("FAILED_PRECONDITION", Code(result));
        Assert.Equal("pool 'oam' is in use: 100% busy \u2713", result.GetProperty("details").GetString());
        Assert.Equal(9, result.GetProperty("rich_code").GetInt32());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", result.GetProperty("detail_types")[0].GetString());
        var violation = result.GetProperty("violations")[0].EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["text", "dotnet says no", "N-7"], violation);
        Assert.Equal("done", result.GetProperty("trailers").GetProperty("echo-trailer").GetString());
    }

    [Fact]
    public async Task Unknown_services_and_methods_and_unbound_methods_are_unimplemented()
    {
        var result = await NodePeer.RunClientAsync("unimplemented", _fixture.Target);
        var results = result.GetProperty("results");
        foreach (var path in new[] { "/distributedcloud.testing.v1.InteropTest/Nope", "/no.such.Service/Method", "/distributedcloud.agent.v1.SubcloudAgent/ListHosts" })
        {
            Assert.Equal("UNIMPLEMENTED", results.GetProperty(path).GetProperty("code").GetString());
            Assert.Contains(path, results.GetProperty(path).GetProperty("details").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetSite_from_the_real_agent_proto_reports_family_and_fencing_identity()
    {
        var result = await NodePeer.RunClientAsync("getsite", _fixture.Target);

        Assert.Equal("OK", Code(result));
        Assert.Equal("ADDRESS_FAMILY_IPV4", result.GetProperty("arrival_family").GetString());
        Assert.Equal("controller-a", result.GetProperty("controller_id").GetString());
        Assert.Equal(7, result.GetProperty("epoch").GetInt32());
        Assert.Equal("SYSTEM_MODE_DUPLEX", result.GetProperty("system_mode").GetString());
    }

    private static string? Code(JsonElement result) => result.GetProperty("code").GetString();
}
