using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// Checks the <c>AuditLog</c> section at start, every bad key at once: the retention, and any key that is not a
/// setting (a misspelt <c>Retention</c> would otherwise keep the default silently). A value the binder cannot read
/// ("soon") is reported by the host with its key.
/// </summary>
public sealed class AuditLogOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<AuditLogOptions>
{
    private static readonly string[] Keys = [nameof(AuditLogOptions.Retention)];

    public ValidateOptionsResult Validate(string? name, AuditLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Retention < AuditLogOptions.MinimumRetention)
        {
            failures.Add($"{AuditLogOptions.Section}:Retention is {options.Retention}; keep audit events at least 1h, e.g. 90d (S-8: 90d by default).");
        }

        if (configuration is not null)
        {
            foreach (var child in configuration.GetSection(AuditLogOptions.Section).GetChildren())
            {
                if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{child.Path} is not a setting; {AuditLogOptions.Section} takes {string.Join(", ", Keys)}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
