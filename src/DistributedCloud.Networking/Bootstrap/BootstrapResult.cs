using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>Either a plan or every problem found; warnings either way.</summary>
public sealed record BootstrapResult(BootstrapPlan? Plan, IReadOnlyList<DomainError> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Plan is not null && Errors.Count == 0;
}
