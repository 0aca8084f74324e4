using System.Net;
using System.Net.Sockets;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Controller.Core.Agents;

/// <summary>
/// The connect step of a channel that must use one address family only (N-35: a subcloud's agent is dialled over the
/// subcloud's primary family). An address literal of the other family, or a name that resolves to no address of this
/// family, fails the connect with an IOException, which the gRPC client reports as UNAVAILABLE like any failed connect;
/// the channel itself (its HTTP/2 connection, keepalive and reconnects) stays the client library's.
/// </summary>
/// <param name="resolve">Name resolution (the system's DNS when null); only this family's answers are used.</param>
public sealed class FamilyConnector(IpFamily family, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly AddressFamily _wanted = family == IpFamily.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : resolve is not null
                ? await resolve(endpoint.Host, cancellationToken).ConfigureAwait(false)
                : await Dns.GetHostAddressesAsync(endpoint.Host, _wanted, cancellationToken).ConfigureAwait(false);
        var candidates = addresses.Where(a => a.AddressFamily == _wanted).ToArray();
        if (candidates.Length == 0)
        {
            throw new IOException(
                $"{endpoint.Host} has no {family} address; the controller dials a subcloud's agent over the subcloud's primary family only (N-35)",
                new SocketException((int)SocketError.AddressFamilyNotSupported));
        }

        var socket = new Socket(_wanted, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(candidates, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
