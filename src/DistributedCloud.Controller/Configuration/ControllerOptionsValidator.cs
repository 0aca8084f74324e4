using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Configuration;

/// <summary>Checks the controller's own-site settings (the site host's checks, section "Controller"), every bad key at once.</summary>
public sealed class ControllerOptionsValidator(IConfiguration configuration, HostRunMode mode) : IValidateOptions<ControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, ControllerOptions options)
    {
        var failures = new List<string>();
        new SiteHostOptionsChecks(configuration, ControllerOptions.SectionName, "/var/lib/distributedcloud-controller").Check(options, mode.MigrateOnly, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
