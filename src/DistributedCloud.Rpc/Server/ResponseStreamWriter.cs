using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace DistributedCloud.Rpc.Server;

/// <summary>Writes framed response messages to the HTTP/2 response body, flushing each one.</summary>
internal sealed class ResponseStreamWriter<T> : IServerStreamWriter<T>
    where T : IMessage<T>
{
    private readonly HttpContext _http;
    private readonly ServerCallState _state;
    private readonly int _maxSize;
    private readonly CancellationToken _callToken;

    public ResponseStreamWriter(HttpContext http, ServerCallState state, int maxSize, CancellationToken callToken)
    {
        _http = http;
        _state = state;
        _maxSize = maxSize;
        _callToken = callToken;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        _callToken.ThrowIfCancellationRequested();
        _state.MarkStarted();
        MessageFraming.Write(_http.Response.BodyWriter, message, _maxSize);
        var flushed = await _http.Response.BodyWriter.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : _callToken);
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            throw new RpcException(StatusCode.Cancelled, "The call ended before the message could be sent.");
        }
    }
}
