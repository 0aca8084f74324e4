namespace DistributedCloud.Controller.Core.Groups;

/// <summary>What <c>subcloud-group update</c> changes; null leaves a field as it is.</summary>
public sealed record SubcloudGroupChanges(string? Name = null, string? Description = null, ApplyType? ApplyType = null, int? MaxParallelSubclouds = null);
