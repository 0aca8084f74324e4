namespace DistributedCloud.Networking.Errors;

/// <summary>Collects every problem of a validation pass before answering (YARP's rule, N-7).</summary>
public sealed class ErrorCollector
{
    private readonly List<DomainError> _errors = [];

    public IReadOnlyList<DomainError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string rule, string field, string message, ErrorKind kind = ErrorKind.Invalid) =>
        _errors.Add(new DomainError(rule, field, message, kind));

    public void Add(DomainError error) => _errors.Add(error);

    public void AddRange(IEnumerable<DomainError> errors) => _errors.AddRange(errors);

    /// <summary>Throws one <see cref="DomainException"/> carrying everything collected, if anything was.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new DomainException(_errors.ToArray());
        }
    }
}
