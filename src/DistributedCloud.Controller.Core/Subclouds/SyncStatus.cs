namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Sync status of one endpoint, or overall (D-7).</summary>
public enum SyncStatus
{
    Unknown,
    InSync,
    OutOfSync,
}
