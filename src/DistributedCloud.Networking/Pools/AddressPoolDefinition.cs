using System.Net;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Networking.Pools;

/// <summary>The checked values of a pool: what <see cref="AddressPoolValidator"/> produces when a spec has no problem.</summary>
public sealed record AddressPoolDefinition(
    string Name,
    Subnet Subnet,
    AllocationOrder Order,
    IReadOnlyList<AddressRange> Ranges,
    IPAddress? FloatingAddress,
    IPAddress? Controller0Address,
    IPAddress? Controller1Address,
    IPAddress? GatewayAddress);
