using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Tests.Support;

public static class Assertions
{
    /// <summary>Asserts the action is refused with an error of the rule on the field, and returns every error.</summary>
    public static IReadOnlyList<DomainError> Refused(Action action, string rule, string field)
    {
        var ex = Assert.Throws<DomainException>(action);
        AssertHas(ex.Errors, rule, field);
        return ex.Errors;
    }

    public static void AssertHas(IReadOnlyList<DomainError> errors, string rule, string field) =>
        Assert.True(errors.Any(e => e.Rule == rule && e.Field == field),
            $"expected an error of rule {rule} on field '{field}', got:\n{string.Join("\n", errors)}");

    public static IReadOnlyList<DomainError> Validate(Networking.Pools.AddressPoolSpec spec)
    {
        var errors = new ErrorCollector();
        Networking.Pools.AddressPoolValidator.Validate(spec, errors);
        return errors.Errors;
    }
}
