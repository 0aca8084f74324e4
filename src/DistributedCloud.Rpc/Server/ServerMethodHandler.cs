using System.Diagnostics;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Diagnostics;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Rpc.Server;

/// <summary>
/// The server pipeline of one bound method: protocol checks, deadline, request decoding, the handler
/// call, and the status (trailers, or trailers-only for early errors).
/// </summary>
internal sealed class ServerMethodHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly string _path;
    private readonly RpcMethodKind _kind;
    private readonly MessageParser<TRequest> _parser;
    private readonly Delegate _handler;
    private readonly RpcServerRuntime _runtime;
    private readonly string _activityName;
    private readonly ObjectFactory _factory;
    private readonly Func<HttpContext, TService> _resolve;
    private readonly bool _registered;
    private readonly IRpcCallFilter[] _filters;

    public ServerMethodHandler(string path, RpcMethodKind kind, MessageParser<TRequest> parser, Delegate handler, RpcServerRuntime runtime,
        IReadOnlyList<IRpcCallFilter> filters)
    {
        _filters = [.. filters];
        _path = path;
        _kind = kind;
        _parser = parser;
        _handler = handler;
        _runtime = runtime;
        _activityName = path.TrimStart('/');
        _factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);
        _registered = runtime.IsService(typeof(TService));
        _resolve = ChooseResolver(runtime);
    }

    // A registered implementation comes from the request's scope; an unregistered one is built per call,
    // with its constructor dependencies from the request's scope, or with no scope at all when it has none
    // (the request scope is then never created).
    private Func<HttpContext, TService> ChooseResolver(RpcServerRuntime runtime)
    {
        if (_registered)
        {
            return http => http.RequestServices.GetRequiredService<TService>();
        }

        var constructors = typeof(TService).GetConstructors();
        if (constructors.Length == 1 && constructors[0].GetParameters().Length == 0)
        {
            return _ => (TService)_factory(EmptyServiceProvider.Instance, null);
        }

        return http => (TService)_factory(http.RequestServices, null);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = _runtime.TimeProvider.GetTimestamp();
        using var activity = RpcDiagnostics.ActivitySource.StartActivity(_activityName, ActivityKind.Server);
        activity?.SetTag("rpc.system", "grpc");
        var code = await ServeAsync(http);
        activity?.SetTag("rpc.grpc.status_code", (int)code);
        if (RpcDiagnostics.ServerCalls.Enabled || RpcDiagnostics.ServerDuration.Enabled)
        {
            var tags = new TagList { { "rpc.method", _path }, { "rpc.grpc.status_code", (int)code } };
            RpcDiagnostics.ServerCalls.Add(1, tags);
            RpcDiagnostics.ServerDuration.Record(_runtime.TimeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private async Task<StatusCode> ServeAsync(HttpContext http)
    {
        var refusal = ServerProtocolChecks.Check(http, _path, _runtime);
        if (refusal is { } refused)
        {
            return refused;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        TimeSpan? timeout = null;
        if (http.Request.Headers.TryGetValue(GrpcProtocol.TimeoutHeader, out var timeoutText))
        {
            if (GrpcTimeout.TryParse(timeoutText.ToString(), out var parsed))
            {
                timeout = parsed;
            }
            else
            {
                RpcLog.BadTimeout(_runtime.Logger, _path, timeoutText.ToString());
            }
        }

        // Without a deadline the call's token is the request's own; with one, a timer joins it.
        using var deadlineSource = timeout is { } t && t < TimeSpan.FromDays(40)
            ? new CancellationTokenSource(t, _runtime.TimeProvider)
            : null;
        using var linked = deadlineSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token, http.RequestAborted);
        var callToken = linked?.Token ?? http.RequestAborted;
        var deadlineToken = deadlineSource?.Token ?? CancellationToken.None;
        DateTimeOffset? deadline = timeout is { } d ? _runtime.TimeProvider.GetUtcNow() + d : null;

        var state = new ServerCallState();
        var context = new ServerCallContext(http, _path, deadline, callToken, state);
        http.Response.ContentType = GrpcProtocol.ContentType;

        RpcStatus status;
        Google.Rpc.Status? details = null;
        RpcMetadata? thrownTrailers = null;
        try
        {
            await InvokeAsync(http, context, state, callToken);
            status = deadlineToken.IsCancellationRequested
                ? new RpcStatus(StatusCode.DeadlineExceeded, "Deadline exceeded")
                : RpcStatus.Ok;
        }
        catch (Exception e)
        {
            (status, details, thrownTrailers) = StatusFromException(e, deadlineToken, http.RequestAborted);
        }

        if (http.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: there is nobody to tell.
            RpcLog.CallEnded(_runtime.Logger, _path, StatusCode.Cancelled, "cancelled by the client");
            return StatusCode.Cancelled;
        }

        var trailers = context.ResponseTrailersIfAny;
        if (thrownTrailers is { Count: > 0 })
        {
            trailers ??= new RpcMetadata();
            foreach (var entry in thrownTrailers)
            {
                trailers.Add(entry);
            }
        }

        RpcLog.CallEnded(_runtime.Logger, _path, status.Code, status.Detail);
        ServerResponses.Complete(http, status, details, trailers);
        return status.Code;
    }

    private async Task InvokeAsync(HttpContext http, ServerCallContext context, ServerCallState state, CancellationToken token)
    {
        foreach (var filter in _filters)
        {
            await filter.OnCallAsync(context);
        }

        var service = _resolve(http);
        try
        {
            await DispatchAsync(http, service, context, state, token);
        }
        finally
        {
            if (!_registered)
            {
                switch (service)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }
    }

    private async Task DispatchAsync(HttpContext http, TService service, ServerCallContext context, ServerCallState state, CancellationToken token)
    {
        var options = _runtime.Options;
        var reader = http.Request.BodyReader;
        switch (_kind)
        {
            case RpcMethodKind.Unary:
            {
                var request = await RequestReader.ReadSingleAsync(reader, _parser, options.MaxReceiveMessageSize, token);
                var handler = (Func<TService, TRequest, ServerCallContext, Task<TResponse>>)_handler;
                var response = await handler(service, request, context);
                token.ThrowIfCancellationRequested();
                await WriteSingleAsync(http, state, response, token);
                break;
            }

            case RpcMethodKind.ServerStreaming:
            {
                var request = await RequestReader.ReadSingleAsync(reader, _parser, options.MaxReceiveMessageSize, token);
                var handler = (Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>)_handler;
                await handler(service, request, NewWriter(http, state, token), context);
                break;
            }

            case RpcMethodKind.ClientStreaming:
            {
                var requests = RequestReader.ReadAllAsync(reader, _parser, options.MaxReceiveMessageSize, token);
                var handler = (Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>>)_handler;
                var response = await handler(service, requests, context);
                token.ThrowIfCancellationRequested();
                await WriteSingleAsync(http, state, response, token);
                break;
            }

            case RpcMethodKind.DuplexStreaming:
            {
                var requests = RequestReader.ReadAllAsync(reader, _parser, options.MaxReceiveMessageSize, token);
                var handler = (Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>)_handler;
                await handler(service, requests, NewWriter(http, state, token), context);
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown method kind {_kind}.");
        }
    }

    private ResponseStreamWriter<TResponse> NewWriter(HttpContext http, ServerCallState state, CancellationToken token) =>
        new(http, state, _runtime.Options.MaxSendMessageSize ?? int.MaxValue, token);

    private async Task WriteSingleAsync(HttpContext http, ServerCallState state, TResponse response, CancellationToken token)
    {
        if (response is null)
        {
            throw new RpcException(StatusCode.Internal, "The handler returned no response message.");
        }

        // Refused (oversize) before any header leaves, so the error is trailers-only.
        MessageFraming.Write(http.Response.BodyWriter, response, _runtime.Options.MaxSendMessageSize ?? int.MaxValue);
        state.MarkStarted();
        var flushed = await http.Response.BodyWriter.FlushAsync(token);
        if (flushed.IsCanceled)
        {
            throw new RpcException(StatusCode.Cancelled, "The call ended before the response could be sent.");
        }
    }

    private (RpcStatus Status, Google.Rpc.Status? Details, RpcMetadata? Trailers) StatusFromException(
        Exception exception, CancellationToken deadline, CancellationToken aborted)
    {
        switch (exception)
        {
            case RpcException rpc:
                return (rpc.Status, rpc.Details, rpc.Trailers);
            case DomainException domain:
                var mapped = DomainErrorMapping.ToRpcException(domain);
                return (mapped.Status, mapped.Details, null);
            case OperationCanceledException when deadline.IsCancellationRequested:
                return (new RpcStatus(StatusCode.DeadlineExceeded, "Deadline exceeded"), null, null);
            case OperationCanceledException when aborted.IsCancellationRequested:
                return (new RpcStatus(StatusCode.Cancelled, "The call was cancelled by the client."), null, null);
            case IOException when aborted.IsCancellationRequested:
                return (new RpcStatus(StatusCode.Cancelled, "The call was cancelled by the client."), null, null);
            default:
                RpcLog.HandlerFailed(_runtime.Logger, _path, exception);
                var detail = _runtime.Options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.";
                return (new RpcStatus(StatusCode.Unknown, detail), null, null);
        }
    }
}
