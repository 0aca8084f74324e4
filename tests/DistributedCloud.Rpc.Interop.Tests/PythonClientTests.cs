using System.Text.Json;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>The official client (grpcio) calling our server.</summary>
public sealed class PythonClientTests : IClassFixture<OurServerFixture>
{
    private readonly OurServerFixture _fixture;

    public PythonClientTests(OurServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Unary_call_carries_ascii_and_binary_metadata_both_ways()
    {
        var result = await PythonPeer.RunClientAsync("unary", _fixture.Target);

        Assert.Equal("OK", Code(result));
        Assert.Equal("h\u00e9llo w\u00f6rld", result.GetProperty("text").GetString());
        Assert.Equal("plain value", result.GetProperty("metadata").GetProperty("x-text").GetString());
        Assert.Equal(Convert.ToBase64String(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
            result.GetProperty("binary_metadata").GetProperty("x-raw-bin").GetString());
        Assert.StartsWith("ipv4:127.0.0.1:", result.GetProperty("peer").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("had_deadline").GetBoolean());
        Assert.Equal("done", result.GetProperty("trailers").GetProperty("echo-trailer").GetString());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 1, 0xFE, 0xFF }), result.GetProperty("binary_trailers").GetProperty("echo-trailer-bin").GetString());
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        var result = await PythonPeer.RunClientAsync("stream", _fixture.Target);
        Assert.Equal("OK", Code(result));
        Assert.Equal([0, 1, 2, 3, 4], result.GetProperty("items").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public async Task Client_streaming_reads_every_request_message()
    {
        var result = await PythonPeer.RunClientAsync("client-stream", _fixture.Target);
        Assert.Equal("OK", Code(result));
        Assert.Equal(55, result.GetProperty("sum").GetInt32());
    }

    [Fact]
    public async Task The_deadline_expires_and_the_handler_sees_it()
    {
        var tag = Guid.NewGuid().ToString("N");
        var result = await PythonPeer.RunClientAsync("deadline", _fixture.Target, "--tag", tag);

        Assert.Equal("DEADLINE_EXCEEDED", Code(result));
        Assert.InRange(result.GetProperty("elapsed").GetDouble(), 0.2, 3.0);
        Assert.True(await _fixture.Server.Observer.WaitCancelledAsync(tag, TimeSpan.FromSeconds(5)), "the handler's token was not cancelled by the deadline");
    }

    [Fact]
    public async Task Client_cancellation_reaches_a_streaming_handler()
    {
        var tag = Guid.NewGuid().ToString("N");
        var result = await PythonPeer.RunClientAsync("cancel", _fixture.Target, "--tag", tag);

        Assert.Equal("CANCELLED", Code(result));
        Assert.Equal(2, result.GetProperty("received").GetInt32());
        Assert.True(await _fixture.Server.Observer.WaitCancelledAsync(tag, TimeSpan.FromSeconds(5)), "the handler's token was not cancelled by the client");
    }

    [Fact]
    public async Task Error_status_carries_a_percent_encoded_message_and_rich_details()
    {
        var result = await PythonPeer.RunClientAsync("error", _fixture.Target);

        Assert.Equal("FAILED_PRECONDITION", Code(result));
        Assert.Equal("pool 'oam' is in use: 100% busy \u2713", result.GetProperty("details").GetString());
        Assert.Equal(9, result.GetProperty("rich_code").GetInt32());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", result.GetProperty("detail_types")[0].GetString());
        var violation = result.GetProperty("violations")[0].EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["text", "dotnet says no", "N-7"], violation);
        Assert.Equal("done", result.GetProperty("trailers").GetProperty("echo-trailer").GetString());
    }

    [Fact]
    public async Task Domain_errors_become_invalid_argument_with_every_field_violation()
    {
        var result = await PythonPeer.RunClientAsync("domain-error", _fixture.Target);

        Assert.Equal("INVALID_ARGUMENT", Code(result));
        var violations = result.GetProperty("violations").EnumerateArray()
            .Select(v => v.EnumerateArray().Select(e => e.GetString()!).ToArray()).ToArray();
        Assert.Equal(2, violations.Length);
        Assert.Equal(["name", "network"], violations.Select(v => v[0]).ToArray());
        Assert.All(violations, v => Assert.Equal("N-4", v[2]));
        Assert.Contains("2 problems", result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Four_mebibyte_messages_pass_both_ways()
    {
        var request = await PythonPeer.RunClientAsync("big-request", _fixture.Target);
        Assert.Equal("OK", Code(request));
        Assert.Equal(4194299, request.GetProperty("payload_size").GetInt32());

        var response = await PythonPeer.RunClientAsync("big-response", _fixture.Target);
        Assert.Equal("OK", Code(response));
        Assert.Equal(4 * 1024 * 1024, response.GetProperty("bytes").GetInt32());
    }

    [Fact]
    public async Task A_message_one_byte_over_the_limit_is_resource_exhausted()
    {
        var result = await PythonPeer.RunClientAsync("oversize-request", _fixture.Target);
        Assert.Equal("RESOURCE_EXHAUSTED", Code(result));
        Assert.Contains("4194305 vs. 4194304", result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_services_and_methods_and_unbound_methods_are_unimplemented()
    {
        var result = await PythonPeer.RunClientAsync("unimplemented", _fixture.Target);
        var results = result.GetProperty("results");
        foreach (var path in new[] { "/distributedcloud.testing.v1.InteropTest/Nope", "/no.such.Service/Method", "/distributedcloud.agent.v1.SubcloudAgent/ListHosts" })
        {
            Assert.Equal("UNIMPLEMENTED", results.GetProperty(path).GetProperty("code").GetString());
            Assert.Contains(path, results.GetProperty(path).GetProperty("details").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unsupported_message_encoding_is_unimplemented()
    {
        var result = await PythonPeer.RunClientAsync("gzip", _fixture.Target);
        Assert.Equal("UNIMPLEMENTED", Code(result));
        Assert.Contains("gzip", result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSite_reports_the_arrival_family_and_the_callers_fencing_identity()
    {
        var result = await PythonPeer.RunClientAsync("getsite", _fixture.Target);

        Assert.Equal("OK", Code(result));
        Assert.Equal("ADDRESS_FAMILY_IPV4", result.GetProperty("arrival_family").GetString());
        Assert.Equal("controller-a", result.GetProperty("controller_id").GetString());
        Assert.Equal(7, result.GetProperty("epoch").GetInt32());
        Assert.Equal("SYSTEM_MODE_DUPLEX", result.GetProperty("system_mode").GetString());
    }

    [Fact]
    public async Task An_agent_call_without_fencing_metadata_is_invalid_argument()
    {
        var result = await PythonPeer.RunClientAsync("getsite-unfenced", _fixture.Target);
        Assert.Equal("INVALID_ARGUMENT", Code(result));
        var fields = result.GetProperty("violations").EnumerateArray().Select(v => v[0].GetString()!).ToArray();
        Assert.Equal(["dc-controller-id", "dc-leadership-epoch"], fields);
    }

    private static string? Code(JsonElement result) => result.GetProperty("code").GetString();
}
