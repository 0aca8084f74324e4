using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Configuration;

/// <summary>Checks every agent setting at start (the site host's checks) and reports every bad key at once.</summary>
public sealed class AgentOptionsValidator(IConfiguration configuration, HostRunMode mode) : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        new SiteHostOptionsChecks(configuration, AgentOptions.SectionName, "/var/lib/distributedcloud-agent").Check(options, mode.MigrateOnly, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
