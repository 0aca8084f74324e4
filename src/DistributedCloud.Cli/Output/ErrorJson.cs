using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Cli.Output;

/// <summary>One error in JSON output: <c>{"field":..,"message":..,"rule":..}</c>.</summary>
public sealed record ErrorJson(string Field, string Message, string Rule)
{
    public static ErrorJson From(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorJson(error.Field, error.Message, error.Rule);
    }
}
