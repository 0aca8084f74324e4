using System.Net.Sockets;
using System.Runtime.CompilerServices;
using DistributedCloud.Cli.Access;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Controller.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace DistributedCloud.Cli.Controller;

/// <summary>
/// The system controller as dcctl calls it: its admin API (<c>distributedcloud.controller.v1.SystemController</c>)
/// through the generated client, and the channel platform calls share (<see cref="SitePlatform"/>). Admin calls carry
/// no fencing metadata: the controller adds its own when it calls an agent.
/// </summary>
public sealed class ControllerClient : IDisposable
{
    private readonly ControllerEndpoints _endpoints;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _choosing = new(1, 1);
    private GrpcChannel? _channel;

    private readonly ClientCredentials _credentials;

    public ControllerClient(ControllerEndpoints endpoints, TimeSpan timeout, ClientCredentials credentials, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(credentials);
        _endpoints = endpoints;
        _credentials = credentials;
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Where the calls go, for messages.</summary>
    public string Describe => $"controller {_channel?.Target ?? _endpoints.Describe()}";

    public TimeSpan Timeout => _timeout;

    /// <summary>One admin call with the command's deadline: <c>controller.CallAsync((c, o) => c.GetSubcloudAsync(request, o), ct)</c>.</summary>
    public async Task<T> CallAsync<T>(Func<SystemController.SystemControllerClient, CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var client = new SystemController.SystemControllerClient(await ChannelAsync(cancellationToken));
        using var pending = call(client, new CallOptions(deadline: _time.GetUtcNow().UtcDateTime + _timeout, cancellationToken: cancellationToken));
        return await pending.ResponseAsync;
    }

    /// <summary>A server stream that lasts as long as the caller reads: no deadline, only the caller's cancellation.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(Func<SystemController.SystemControllerClient, CallOptions, AsyncServerStreamingCall<T>> call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var client = new SystemController.SystemControllerClient(await ChannelAsync(cancellationToken));
        using var stream = call(client, new CallOptions(cancellationToken: cancellationToken));
        await foreach (var item in stream.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _choosing.Dispose();
    }

    /// <summary>
    /// The channel to the controller. An address the operator gave is used as it is. Of the defaults, the first one
    /// that accepts a connection is kept for the process; when none does, the failure names every address tried and
    /// the ways out, since the likely cause is a controller elsewhere or a standalone site.
    /// </summary>
    public async Task<GrpcChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { } ready)
        {
            return ready;
        }

        await _choosing.WaitAsync(cancellationToken);
        try
        {
            if (_channel is null)
            {
                var address = _endpoints.Addresses.Count == 1 ? _endpoints.Addresses[0] : await FirstAnsweringAsync(cancellationToken);
                _channel = GrpcChannels.Create(address, _timeout, _credentials);
            }

            return _channel;
        }
        finally
        {
            _choosing.Release();
        }
    }

    private async Task<string> FirstAnsweringAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var address in _endpoints.Addresses)
        {
            var uri = new Uri(address);
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, cancellationToken);
            try
            {
                using var socket = uri.HostNameType switch
                {
                    UriHostNameType.IPv6 => new TcpClient(AddressFamily.InterNetworkV6),
                    UriHostNameType.IPv4 => new TcpClient(AddressFamily.InterNetwork),
                    _ => new TcpClient(),
                };
                await socket.ConnectAsync(uri.IdnHost, uri.Port, linked.Token);
                return address;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{address} ({(ex is SocketException socket ? socket.Message : "no answer in 3 s")})");
            }
        }

        throw new RpcException(new Status(StatusCode.Unavailable,
            $"no system controller answers at {string.Join(" or ", failures)}; give its address with --controller URL " +
            $"(or {ControllerEndpoints.Variable}), or talk straight to a site's agent with --agent URL"));
    }
}
