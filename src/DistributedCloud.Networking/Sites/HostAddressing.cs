namespace DistributedCloud.Networking.Sites;

/// <summary>Every address a host holds, per network.</summary>
public sealed record HostAddressing(SiteHost Host, IReadOnlyList<HostNetworkAddresses> Networks)
{
    public HostNetworkAddresses? On(Networks.NetworkType network) => Networks.FirstOrDefault(n => n.Network == network);
}
