namespace DistributedCloud.Networking.Pools;

/// <summary>
/// What <c>addrpool-modify</c> changes: a null member keeps the current value; an empty string clears an optional
/// address (floating, controller, gateway).
/// </summary>
public sealed record AddressPoolChanges(
    string? Name = null,
    string? Network = null,
    string? Prefix = null,
    string? Order = null,
    string? Ranges = null,
    string? FloatingAddress = null,
    string? Controller0Address = null,
    string? Controller1Address = null,
    string? GatewayAddress = null)
{
    public bool IsEmpty => this == new AddressPoolChanges();

    /// <summary>The spec that results from applying these changes to a pool.</summary>
    public AddressPoolSpec ApplyTo(AddressPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var networkChanged = Network is not null || Prefix is not null;
        return new AddressPoolSpec(
            Name ?? pool.Name,
            Network ?? pool.Subnet.NetworkAddress.ToString(),
            Prefix ?? pool.Subnet.PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Order ?? AddressPoolFields.OrderName(pool.Order),
            // A new subnet without new ranges takes the new subnet's default range (N-2).
            Ranges ?? (networkChanged ? null : string.Join(',', pool.Ranges)),
            Keep(FloatingAddress, pool.FloatingAddress),
            Keep(Controller0Address, pool.Controller0Address),
            Keep(Controller1Address, pool.Controller1Address),
            Keep(GatewayAddress, pool.GatewayAddress));
    }

    private static string? Keep(string? change, System.Net.IPAddress? current) =>
        change switch
        {
            null => current?.ToString(),
            "" => null,
            _ => change,
        };
}
