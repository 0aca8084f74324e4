using System.Net;
using DistributedCloud.Networking.Addressing;
using Grpc.Core;

namespace DistributedCloud.Site.Hosting.Grpc;

/// <summary>How a call reached this process: the local and remote addresses of its connection, and the family it arrived on (N-35).</summary>
public static class ServerCallContextExtensions
{
    public static IPAddress? LocalAddress(this ServerCallContext context) => Normalized(context.GetHttpContext().Connection.LocalIpAddress);

    public static IPAddress? RemoteAddress(this ServerCallContext context) => Normalized(context.GetHttpContext().Connection.RemoteIpAddress);

    /// <summary>The family of the local address the call arrived on; unspecified when the transport has none (a Unix socket).</summary>
    public static IpFamily? ArrivalFamily(this ServerCallContext context) =>
        context.LocalAddress() is { } local ? IpFamilyExtensions.FamilyOf(local) : null;

    /// <summary>An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; it arrived over IPv4.</summary>
    private static IPAddress? Normalized(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
