using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Client;

/// <summary>A running client-streaming call: write with <see cref="RequestStream"/>, then await <see cref="ResponseAsync"/>. Dispose it to cancel.</summary>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ServerStreamingCall<TResponse> _responses;
    private readonly Lazy<Task<TResponse>> _response;

    internal ClientStreamingCall(ClientStreamWriter<TRequest> requests, ServerStreamingCall<TResponse> responses)
    {
        RequestStream = requests;
        _responses = responses;
        _response = new Lazy<Task<TResponse>>(ReadSingleAsync);
    }

    public ClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The single response, once the server has answered.</summary>
    public Task<TResponse> ResponseAsync => _response.Value;

    public RpcMetadata Trailers => _responses.Trailers;

    public void Dispose() => _responses.Dispose();

    private async Task<TResponse> ReadSingleAsync()
    {
        TResponse? single = null;
        var count = 0;
        await foreach (var message in _responses.ReadAllAsync())
        {
            single = message;
            count++;
        }

        return count == 1
            ? single!
            : throw new RpcException(StatusCode.Internal, count == 0
                ? "The server answered OK without a response message."
                : "The server sent more than one message for a client-streaming call.");
    }
}
