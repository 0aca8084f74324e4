using System.Net;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>
/// A server call context for interceptor tests, carrying an <see cref="HttpContext"/> the way Grpc.AspNetCore lets
/// tests supply one (its <c>__HttpContext</c> user state): the caller, its address, the endpoint's policies, the headers.
/// </summary>
internal sealed class TestCallContext : ServerCallContext
{
    private readonly Metadata _headers = [];
    private readonly Metadata _trailers = [];
    private readonly Dictionary<object, object> _userState = [];

    public TestCallContext(string method, ClaimsPrincipal? user = null, string? policy = null, IPAddress? remote = null)
    {
        MethodName = method;
        Http = new DefaultHttpContext { TraceIdentifier = "trace-1" };
        Http.User = user ?? new ClaimsPrincipal(new ClaimsIdentity());
        Http.Connection.RemoteIpAddress = remote ?? IPAddress.Parse("::ffff:198.18.0.7");
        var metadata = policy is null ? new EndpointMetadataCollection() : new EndpointMetadataCollection(new AuthorizeAttribute { Policy = policy });
        Http.SetEndpoint(new Endpoint(null, metadata, method));
        _userState["__HttpContext"] = Http;
    }

    public DefaultHttpContext Http { get; }

    public string MethodName { get; }

    public TestCallContext WithHeader(string key, string value)
    {
        _headers.Add(key, value);
        return this;
    }

    protected override string MethodCore => MethodName;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:198.18.0.7:40000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _headers;

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore => _trailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
