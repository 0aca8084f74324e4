namespace DistributedCloud.Networking.Errors;

/// <summary>
/// The one exception the domain throws: it carries every problem found, never only the first (N-7).
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(IReadOnlyList<DomainError> errors)
        : base(Describe(errors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A domain exception needs at least one error.", nameof(errors));
        }

        Errors = errors;
    }

    public DomainException(DomainError error)
        : this([error])
    {
    }

    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>The kind of the first error decides the status of the whole answer.</summary>
    public ErrorKind Kind => Errors[0].Kind;

    private static string Describe(IReadOnlyList<DomainError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems: " + string.Join("; ", errors);
}
