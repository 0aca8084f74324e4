namespace DistributedCloud.Site.Views;

/// <summary>One row of network-addrpool-list; immutable.</summary>
public sealed record NetworkPoolView(
    Guid Uuid,
    string NetworkName,
    string AddrpoolName,
    Guid NetworkUuid,
    Guid AddrpoolUuid,
    bool Primary);
