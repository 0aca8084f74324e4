using System.Net;
using System.Net.Sockets;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Rpc.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Rpc.Client;

/// <summary>
/// The channel's connect step: resolves the endpoint and, when the channel is told a family, connects
/// only to addresses of that family (IPv4-mapped IPv6 addresses count as IPv4). With no such address
/// it fails with a message naming the endpoint and the family.
/// </summary>
internal sealed class FamilyAwareDialer
{
    private readonly IpFamily? _family;
    private readonly ILogger _logger;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public FamilyAwareDialer(IpFamily? family, ILogger logger, Func<string, CancellationToken, Task<IPAddress[]>>? resolver)
    {
        _family = family;
        _logger = logger;
        _resolve = resolver ?? Dns.GetHostAddressesAsync;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        var endpoint = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken);
        var candidates = _family is { } family ? addresses.Where(a => FamilyOf(a) == family).ToArray() : addresses;
        if (candidates.Length == 0)
        {
            var resolved = addresses.Length == 0 ? "nothing" : string.Join(", ", addresses.Select(a => a.ToString()));
            var message = $"Endpoint {endpoint} has no {_family} address (it resolves to {resolved}); this client is restricted to {_family} and will not use another family.";
            RpcLog.ClientNoAddress(_logger, message);
            throw new FamilyUnavailableException(message);
        }

        Exception? last = null;
        foreach (var address in candidates)
        {
            var target = address.IsIPv4MappedToIPv6 && _family == IpFamily.IPv4 ? address.MapToIPv4() : address;
            RpcLog.ClientConnecting(_logger, endpoint, target.AddressFamily.ToString(), target.ToString());
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new IOException($"Cannot connect to {endpoint}: {last?.Message}", last);
    }

    private static IpFamily? FamilyOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IpFamily.IPv4,
        AddressFamily.InterNetworkV6 when address.IsIPv4MappedToIPv6 => IpFamily.IPv4,
        AddressFamily.InterNetworkV6 => IpFamily.IPv6,
        _ => null,
    };
}
