using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Networking.CrossSite;

/// <summary>
/// Where and over which family a system controller reaches a subcloud (N-35): the floating address of the primary
/// pool of its admin network, or of its management network when it has no admin network.
/// </summary>
public sealed record ControlEndpoint(NetworkType Network, IpFamily Family, IPAddress? Address);
