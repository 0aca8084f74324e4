using DistributedCloud.Rpc.Status;
using DistributedCloud.Rpc.Wire;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Client;

/// <summary>Writes the request messages of a client-streaming or duplex call, one at a time, then completes.</summary>
public sealed class ClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
{
    private readonly StreamingRequestContent _content;
    private readonly CallScope _scope;
    private readonly RpcChannel _channel;
    private bool _completed;

    internal ClientStreamWriter(StreamingRequestContent content, CallScope scope, RpcChannel channel)
    {
        _content = content;
        _scope = scope;
        _channel = channel;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream has been completed; no more messages can be written.");
        }

        var size = message.CalculateSize();
        var max = _channel.Options.MaxSendMessageSize ?? int.MaxValue;
        if (size > max)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {max})");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, cancellationToken);
        try
        {
            var stream = await _content.Stream.WaitAsync(linked.Token);
            await stream.WriteAsync(MessageFraming.ToFrame(message), linked.Token);
            await stream.FlushAsync(linked.Token);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw _channel.MapFailure(e, _scope);
        }
    }

    /// <summary>Ends the request stream (the server sees the client half-close).</summary>
    public Task CompleteAsync()
    {
        _completed = true;
        _content.Complete();
        return Task.CompletedTask;
    }
}
