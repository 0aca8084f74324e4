namespace DistributedCloud.Networking.Changes;

public enum PoolChangeKind
{
    Assign,
    Remove,
}
