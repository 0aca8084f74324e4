namespace DistributedCloud.Controller.Core.Groups;

/// <summary>How a group's or a strategy's subclouds are worked through (D-10, D-13).</summary>
public enum ApplyType
{
    Serial,
    Parallel,
}
