namespace DistributedCloud.Networking.Pools;

/// <summary>
/// A pool as an operator types it (<c>addrpool-add NAME NETWORK PREFIX [--order] [--ranges] ...</c>): raw text, so the
/// validator can name the exact value that is wrong. Null means "not given".
/// </summary>
public sealed record AddressPoolSpec(
    string Name,
    string Network,
    string Prefix,
    string? Order = null,
    string? Ranges = null,
    string? FloatingAddress = null,
    string? Controller0Address = null,
    string? Controller1Address = null,
    string? GatewayAddress = null);
