using System.Net;
using System.Net.Http.Headers;
using DistributedCloud.Rpc.Interop.Tests.Infrastructure;
using DistributedCloud.Rpc.Interop.Tests.Protos;
using DistributedCloud.Rpc.Wire;

namespace DistributedCloud.Rpc.Interop.Tests;

/// <summary>What our server puts on the wire, seen through a plain HTTP/2 client.</summary>
public sealed class WireTests : IClassFixture<OurServerFixture>, IDisposable
{
    private readonly OurServerFixture _fixture;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public WireTests(OurServerFixture fixture)
    {
        _fixture = fixture;
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_successful_call_is_headers_then_one_frame_then_status_trailers()
    {
        using var response = await SendAsync("/distributedcloud.testing.v1.InteropTest/Echo", new EchoRequest { Text = "x" });
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4]);
        Assert.Equal("x", EchoResponse.Parser.ParseFrom(body, 5, body.Length - 5).Text);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task An_early_error_is_a_trailers_only_response()
    {
        using var response = await SendAsync("/distributedcloud.testing.v1.InteropTest/Missing", new EchoRequest());
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("Missing", PercentEncoding.Decode(response.Headers.GetValues("grpc-message").Single()), StringComparison.Ordinal);
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task A_wrong_content_type_is_http_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{_fixture.Target}/distributedcloud.testing.v1.InteropTest/Echo")
        {
            Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_encoding_is_unimplemented_and_names_the_accepted_ones()
    {
        using var response = await SendAsync("/distributedcloud.testing.v1.InteropTest/Echo", new EchoRequest(), ("grpc-encoding", "snappy"));
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task An_invalid_binary_header_is_refused_and_a_padded_one_is_accepted()
    {
        using var padded = await SendAsync("/distributedcloud.testing.v1.InteropTest/Echo", new EchoRequest(), ("x-raw-bin", "/w=="));
        var body = await padded.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xFF }, EchoResponse.Parser.ParseFrom(body, 5, body.Length - 5).BinaryMetadata["x-raw-bin"].ToByteArray());

        using var invalid = await SendAsync("/distributedcloud.testing.v1.InteropTest/Echo", new EchoRequest(), ("x-raw-bin", "!!!"));
        Assert.Equal("13", invalid.Headers.GetValues("grpc-status").Single());
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Google.Protobuf.IMessage message, params (string Key, string Value)[] headers)
    {
        var content = new ByteArrayContent(MessageFraming.ToFrame(message));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{_fixture.Target}{path}")
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        return await _http.SendAsync(request);
    }
}
