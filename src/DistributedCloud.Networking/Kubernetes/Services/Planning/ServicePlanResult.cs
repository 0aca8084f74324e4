using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Kubernetes.Services.Planning;

/// <summary>Either the resolved Service fields, or every field error found (never both, never neither).</summary>
public sealed class ServicePlanResult
{
    private ServicePlanResult(ResolvedServiceSpec? spec, IReadOnlyList<DomainError> errors)
    {
        Spec = spec;
        Errors = errors;
    }

    public ResolvedServiceSpec? Spec { get; }

    public IReadOnlyList<DomainError> Errors { get; }

    public bool IsValid => Spec is not null;

    public static ServicePlanResult Valid(ResolvedServiceSpec spec) =>
        new(spec ?? throw new ArgumentNullException(nameof(spec)), []);

    public static ServicePlanResult Invalid(IReadOnlyList<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid plan needs at least one error.", nameof(errors));
        }

        return new ServicePlanResult(null, errors.ToArray());
    }
}
