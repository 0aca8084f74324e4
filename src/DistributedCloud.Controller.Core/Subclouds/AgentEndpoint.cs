using System.Net;
using System.Net.Sockets;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Where the controller dials a subcloud's agent: its primary admin-or-mgmt address and port (D-1, N-35).</summary>
public sealed record AgentEndpoint(IPAddress Address, int Port)
{
    public IpFamily Family => IpFamilyExtensions.FamilyOf(Address);

    /// <summary>The gRPC address, cleartext HTTP/2 (<c>http://[fd01::2]:50052</c>).</summary>
    public string Url => Address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"http://[{Address}]:{Port}"
        : $"http://{Address}:{Port}";

    /// <summary>The gRPC address over TLS (<c>https://[fd01::2]:50052</c>, S-4).</summary>
    public string SecureUrl => "https" + Url[4..];

    public override string ToString() => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
