namespace DistributedCloud.Networking.Errors;

/// <summary>
/// One problem found in a request: the rule it breaks (spec id such as <c>N-14</c>), the field it concerns,
/// and a sentence for the operator that names the value and, where there is one, the way out.
/// </summary>
public sealed record DomainError(string Rule, string Field, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public override string ToString() => $"{Field}: {Message} [{Rule}]";
}
