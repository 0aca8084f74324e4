using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting.Security;

/// <summary>Every bad key of the "Security" section at once.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    private const string P = SecurityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            failures.Add($"{P}:ClockSkew '{options.ClockSkew}' must be between 0s and 1h (S-8b; default 5m).");
        }

        if (options.RateLimit.PermitsPerSecond <= 0)
        {
            failures.Add($"{P}:RateLimit:PermitsPerSecond '{options.RateLimit.PermitsPerSecond}' must be a positive number of calls (S-9; default 200).");
        }

        if (options.RateLimit.Burst < options.RateLimit.PermitsPerSecond)
        {
            failures.Add($"{P}:RateLimit:Burst '{options.RateLimit.Burst}' must be at least PermitsPerSecond ({options.RateLimit.PermitsPerSecond}) (S-9; default 1000).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
