using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Rpc.Diagnostics;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Tls;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Rpc.Client;

/// <summary>
/// A client of one gRPC endpoint over a single reused HTTP/2 connection (SocketsHttpHandler):
/// cleartext with prior knowledge (http://) or TLS with ALPN h2 (https://), family-aware dialing,
/// deadlines, cancellation, keepalive pings and bounded retries of idempotent calls.
/// Create one per endpoint and keep it; it is thread-safe.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _address;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private RpcChannel(RpcChannelOptions options, HttpMessageInvoker invoker, ILogger logger, TimeProvider time)
    {
        Options = options;
        _invoker = invoker;
        _address = new Uri(options.Address);
        _logger = logger;
        _time = time;
    }

    public RpcChannelOptions Options { get; }

    /// <summary>"host:port" of the endpoint.</summary>
    public string Target => _address.Authority;

    /// <summary>Validates <paramref name="options"/> (every bad key reported at once) and builds the channel.</summary>
    public static RpcChannel Create(RpcChannelOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = RpcChannelOptionsValidator.Check(options, "RpcChannel");
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("RpcChannel", typeof(RpcChannelOptions), failures);
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DistributedCloud.Rpc.Client");
        var dialer = new FamilyAwareDialer(options.Family, logger, options.Resolver);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = options.IdleTimeout,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAliveInterval,
            KeepAlivePingTimeout = options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            ConnectCallback = dialer.ConnectAsync,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };

        var tls = options.Tls ?? (options.TlsCaPath is null ? null : RpcClientTls.FromPem(options.TlsCaPath, options.TlsCertificatePath, options.TlsKeyPath));
        if (tls is not null)
        {
            var ssl = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = CertificateAuthority.ServerValidator(tls.ServerCertificateAuthorities),
            };
            if (tls.ClientCertificate is { } certificate)
            {
                ssl.ClientCertificates = new X509CertificateCollection { certificate };
                ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
            }

            handler.SslOptions = ssl;
        }

        return new RpcChannel(options, new HttpMessageInvoker(handler, disposeHandler: true), logger, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Calls a unary method and returns its response.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        (await UnaryCallAsync(method, request, options)).Response;

    /// <summary>Calls a unary method; the answer carries response headers and trailers.</summary>
    public async Task<RpcResult<TResponse>> UnaryCallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        options ??= CallOptions.Default;
        var started = _time.GetTimestamp();
        using var activity = RpcDiagnostics.ActivitySource.StartActivity(method.Path.TrimStart('/'), ActivityKind.Client);
        var code = StatusCode.OK;
        try
        {
            var frame = Frame(request);
            var deadline = DeadlineOf(options);
            var retryable = options.Idempotent ?? method.Idempotent;
            for (var attempt = 1; ; attempt++)
            {
                var state = new AttemptState();
                try
                {
                    return await AttemptUnaryAsync(method, frame, deadline, options, state);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && retryable && !state.ResponseReceived
                    && attempt < Options.Retry.MaxAttempts && !options.CancellationToken.IsCancellationRequested)
                {
                    var delay = Options.Retry.BackoffFor(attempt + 1, Random.Shared);
                    if (deadline is { } d && _time.GetUtcNow() + delay >= d)
                    {
                        throw;
                    }

                    RpcLog.ClientRetry(_logger, method.Path, Target, e.StatusCode, attempt, delay.TotalMilliseconds);
                    RpcDiagnostics.ClientRetries.Add(1, new KeyValuePair<string, object?>("rpc.method", method.Path));
                    await Task.Delay(delay, _time, options.CancellationToken);
                }
            }
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        finally
        {
            activity?.SetTag("rpc.grpc.status_code", (int)code);
            var tags = new TagList { { "rpc.method", method.Path }, { "rpc.grpc.status_code", (int)code } };
            RpcDiagnostics.ClientCalls.Add(1, tags);
            RpcDiagnostics.ClientDuration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>Starts a server-streaming call; read it with <see cref="ServerStreamingCall{TResponse}.ReadAllAsync"/>.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        options ??= CallOptions.Default;
        var frame = Frame(request);
        var deadline = DeadlineOf(options);
        var scope = new CallScope(deadline, options.CancellationToken, _time);
        var message = BuildRequest(method.Path, frame, deadline, options);
        return new ServerStreamingCall<TResponse>(this, scope, message, method.ResponseParser);
    }

    /// <summary>Starts a client-streaming call.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var (writer, responses) = StartStreaming(method, options);
        return new ClientStreamingCall<TRequest, TResponse>(writer, responses);
    }

    /// <summary>Starts a duplex (bidirectional streaming) call.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var (writer, responses) = StartStreaming(method, options);
        return new DuplexStreamingCall<TRequest, TResponse>(writer, responses);
    }

    public void Dispose() => _invoker.Dispose();

    private (ClientStreamWriter<TRequest> Writer, ServerStreamingCall<TResponse> Responses) StartStreaming<TRequest, TResponse>(
        RpcMethod<TRequest, TResponse> method, CallOptions? options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        options ??= CallOptions.Default;
        var deadline = DeadlineOf(options);
        var scope = new CallScope(deadline, options.CancellationToken, _time);
        var content = new StreamingRequestContent();
        var message = BuildRequest(method.Path, content, deadline, options);
        return (new ClientStreamWriter<TRequest>(content, scope, this), new ServerStreamingCall<TResponse>(this, scope, message, method.ResponseParser));
    }

    /// <summary>Sends a request and checks the response headers; a failed call becomes an <see cref="RpcException"/>.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CallScope scope)
    {
        if (scope.CancellationStatus() is { } cancelled)
        {
            throw cancelled;
        }

        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, scope.Token);
        }
        catch (Exception e)
        {
            throw MapFailure(e, scope);
        }

        try
        {
            CheckHeaders(response);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>The status of a call that failed below gRPC (transport, cancellation, deadline).</summary>
    internal RpcException MapFailure(Exception exception, CallScope scope)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        if (scope.CancellationStatus() is { } cancelled)
        {
            return cancelled;
        }

        return exception switch
        {
            HttpRequestException { InnerException: FamilyUnavailableException family } =>
                new RpcException(new RpcStatus(StatusCode.Unavailable, family.Message), innerException: exception),
            HttpRequestException http => new RpcException(
                new RpcStatus(StatusCode.Unavailable, $"Cannot reach {Target}: {Innermost(http)}"), innerException: exception),
            HttpProtocolException protocol => new RpcException(
                new RpcStatus(ResetCode(protocol.ErrorCode), $"The server reset the call (HTTP/2 error {protocol.ErrorCode}): {protocol.Message}"), innerException: exception),
            IOException io => new RpcException(
                new RpcStatus(StatusCode.Unavailable, $"The connection to {Target} failed: {Innermost(io)}"), innerException: exception),
            OperationCanceledException => new RpcException(
                new RpcStatus(StatusCode.Cancelled, "The call was cancelled."), innerException: exception),
            _ => new RpcException(new RpcStatus(StatusCode.Internal, $"The call to {Target} failed: {exception.Message}"), innerException: exception),
        };
    }

    private async Task<RpcResult<TResponse>> AttemptUnaryAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method,
        ReadOnlyMemory<byte> frame, DateTimeOffset? deadline, CallOptions options, AttemptState state)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        using var scope = new CallScope(deadline, options.CancellationToken, _time);
        using var request = BuildRequest(method.Path, frame, deadline, options);
        using var response = await SendAsync(request, scope);
        state.ResponseReceived = true;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(scope.Token);
            var message = await ResponseMessageReader.ReadAsync(stream, method.ResponseParser, Options.MaxReceiveMessageSize, scope.Token);
            var extra = message is null ? null : await ResponseMessageReader.ReadAsync(stream, method.ResponseParser, Options.MaxReceiveMessageSize, scope.Token);
            var final = ResponseStatus.FinalHeaders(response);
            var error = ResponseStatus.Read(final, out _);
            if (error is not null)
            {
                throw error;
            }

            if (!final.NonValidated.Contains(GrpcProtocol.StatusHeader))
            {
                throw new RpcException(StatusCode.Internal, "The response ended without a grpc-status.");
            }

            if (message is null || extra is not null)
            {
                throw new RpcException(StatusCode.Internal, message is null
                    ? "The server answered OK without a response message."
                    : "The server sent more than one message for a unary call.");
            }

            return new RpcResult<TResponse>(message, ResponseStatus.Metadata(response.Headers), ResponseStatus.Metadata(final));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw MapFailure(e, scope);
        }
    }

    private static void CheckHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = HttpStatusMapping.ToStatusCode(response.StatusCode);
            throw new RpcException(code, $"Bad gRPC response: HTTP status {(int)response.StatusCode} ({response.ReasonPhrase}).");
        }

        // Trailers-only: the status arrives in the headers.
        var early = ResponseStatus.Read(response.Headers, out _);
        if (early is not null)
        {
            throw early;
        }

        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(StatusCode.Unknown, $"Bad gRPC response: content type '{contentType}'.");
        }
    }

    private HttpRequestMessage BuildRequest(string path, ReadOnlyMemory<byte> frame, DateTimeOffset? deadline, CallOptions options) =>
        BuildRequest(path, new FramedContent(frame), deadline, options);

    private HttpRequestMessage BuildRequest(string path, HttpContent content, DateTimeOffset? deadline, CallOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation("User-Agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        if (deadline is { } d)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(d - _time.GetUtcNow()));
        }

        var metadata = options.Headers;
        if (options.Fencing is { } fencing)
        {
            metadata = new RpcMetadata();
            fencing.WriteTo(metadata);
            foreach (var entry in options.Headers ?? [])
            {
                metadata.Add(entry);
            }
        }

        foreach (var entry in metadata ?? [])
        {
            if (MetadataKey.IsReserved(entry.Key))
            {
                throw new ArgumentException($"Metadata key '{entry.Key}' is reserved by the protocol.", nameof(options));
            }

            headers.TryAddWithoutValidation(entry.Key, entry.Value);
        }

        return request;
    }

    private byte[] Frame(IMessage request)
    {
        var size = request.CalculateSize();
        var max = Options.MaxSendMessageSize ?? int.MaxValue;
        if (size > max)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {max})");
        }

        return MessageFraming.ToFrame(request);
    }

    private DateTimeOffset? DeadlineOf(CallOptions options) =>
        options.Deadline ?? (options.Timeout ?? Options.DefaultTimeout) switch
        {
            { } timeout => _time.GetUtcNow() + timeout,
            null => null,
        };

    // HTTP/2 error codes of RST_STREAM / GOAWAY (RFC 9113 section 7) as gRPC statuses.
    private static StatusCode ResetCode(long error) => error switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM
        0x8 => StatusCode.Cancelled, // CANCEL
        0xB => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    /// <summary>The root cause alone: the layers above it only restate the endpoint the message already names.</summary>
    private static string Innermost(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }

    private sealed class AttemptState
    {
        public bool ResponseReceived { get; set; }
    }
}
