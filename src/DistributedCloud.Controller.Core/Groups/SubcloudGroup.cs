namespace DistributedCloud.Controller.Core.Groups;

/// <summary>A subcloud group (D-10).</summary>
public sealed record SubcloudGroup(long Id, string Name, string? Description, ApplyType ApplyType, int MaxParallelSubclouds)
{
    public bool IsDefault => Id == SubcloudGroupRules.DefaultId;
}
