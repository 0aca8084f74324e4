using System.Runtime.CompilerServices;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;
using Google.Protobuf;

namespace DistributedCloud.Rpc.Client;

/// <summary>A running server-streaming call. Dispose it to cancel the call.</summary>
public sealed class ServerStreamingCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>
{
    private readonly RpcChannel _channel;
    private readonly CallScope _scope;
    private readonly HttpRequestMessage _request;
    private readonly MessageParser<TResponse> _parser;
    private readonly Task<HttpResponseMessage> _response;
    private RpcMetadata? _trailers;

    internal ServerStreamingCall(RpcChannel channel, CallScope scope, HttpRequestMessage request, MessageParser<TResponse> parser)
    {
        _channel = channel;
        _scope = scope;
        _request = request;
        _parser = parser;
        _response = StartAsync();
    }

    /// <summary>The response headers (throws the call's status exception when it failed before any).</summary>
    public async Task<RpcMetadata> ResponseHeadersAsync() => ResponseStatus.Metadata((await _response).Headers);

    /// <summary>The trailers, once <see cref="ReadAllAsync"/> has finished.</summary>
    public RpcMetadata Trailers => _trailers ?? throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>The response messages; throws <see cref="RpcException"/> when the call ends with another status than OK.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(_scope.Cancel);
        var response = await _response;
        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(_scope.Token);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw _channel.MapFailure(e, _scope);
        }

        while (true)
        {
            TResponse? message;
            try
            {
                message = await ResponseMessageReader.ReadAsync(stream, _parser, _channel.Options.MaxReceiveMessageSize, _scope.Token);
            }
            catch (Exception e)
            {
                // Disposing the unfinished response resets the HTTP/2 stream, so the server's handler
                // learns at once that nobody is reading any more.
                response.Dispose();
                throw _channel.MapFailure(e, _scope);
            }

            if (message is null)
            {
                break;
            }

            yield return message;
        }

        var final = ResponseStatus.FinalHeaders(response);
        _trailers = ResponseStatus.Metadata(final);
        var error = ResponseStatus.Read(final, out _);
        if (error is not null)
        {
            throw error;
        }

        if (!final.NonValidated.Contains(Wire.GrpcProtocol.StatusHeader))
        {
            throw new RpcException(StatusCode.Internal, "The response ended without a grpc-status.");
        }
    }

    public void Dispose()
    {
        _scope.Cancel();
        if (_response.IsCompletedSuccessfully)
        {
            _response.Result.Dispose();
        }

        _request.Dispose();
        _scope.Dispose();
    }

    private async Task<HttpResponseMessage> StartAsync()
    {
        var response = await _channel.SendAsync(_request, _scope);
        return response;
    }
}
