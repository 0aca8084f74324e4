namespace DistributedCloud.Networking.Pools;

/// <summary>How a pool hands out addresses (N-1, N-9).</summary>
public enum AllocationOrder
{
    Random,
    Sequential,
}
