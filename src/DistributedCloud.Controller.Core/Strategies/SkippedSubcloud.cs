namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>A targeted subcloud the plan leaves out, and why (D-12: managed, online, state differs from the target).</summary>
public sealed record SkippedSubcloud(string Subcloud, string Reason);
