namespace DistributedCloud.Networking.Pools;

/// <summary>The field names of a pool as operators see them (CLI options, table columns, error fields).</summary>
public static class AddressPoolFields
{
    public const string Name = "name";
    public const string Network = "network";
    public const string Prefix = "prefix";
    public const string Order = "order";
    public const string Ranges = "ranges";
    public const string FloatingAddress = "floating_address";
    public const string Controller0Address = "controller0_address";
    public const string Controller1Address = "controller1_address";
    public const string GatewayAddress = "gateway_address";

    public static string OrderName(AllocationOrder order) => order == AllocationOrder.Sequential ? "sequential" : "random";
}
