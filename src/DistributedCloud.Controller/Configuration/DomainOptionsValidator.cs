using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.CrossSite;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Configuration;

/// <summary>
/// Checks the domain's settings (sections Audit, Agents, Subclouds, Strategies) at start, every bad key at once.
/// Durations in these sections are written like every duration of the product ("30s", "5m"; <c>DurationConverter</c>);
/// a value the binder cannot read is reported by the host with its key.
/// </summary>
public sealed class DomainOptionsValidator :
    IValidateOptions<AuditOptions>,
    IValidateOptions<AgentClientOptions>,
    IValidateOptions<SubcloudRegistryOptions>,
    IValidateOptions<StrategyOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, $"{AuditOptions.Section}:AvailabilityInterval", options.AvailabilityInterval, "how often each subcloud's availability is audited (D-5), e.g. 30s");
        Positive(failures, $"{AuditOptions.Section}:SyncInterval", options.SyncInterval, "how often each subcloud's sync status is audited (D-9), e.g. 30s");
        Positive(failures, $"{AuditOptions.Section}:CallTimeout", options.CallTimeout, "the deadline of one audit call (D-8), e.g. 5s");
        if (options.FailuresBeforeOffline < 1)
        {
            failures.Add($"{AuditOptions.Section}:FailuresBeforeOffline is {options.FailuresBeforeOffline}; give 1 or more (D-6: 2 by default).");
        }

        if (options.MaxConcurrency is < 1 or > 10_000)
        {
            failures.Add($"{AuditOptions.Section}:MaxConcurrency is {options.MaxConcurrency}; give 1 to 10000 agent calls at once (D-8: 50 by default).");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, AgentClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, $"{AgentClientOptions.Section}:CallTimeout", options.CallTimeout, "the deadline of one call to an agent, e.g. 5s");
        Positive(failures, $"{AgentClientOptions.Section}:ConnectTimeout", options.ConnectTimeout, "how long dialling an agent may take, e.g. 3s");
        AtLeastOneSecond(failures, $"{AgentClientOptions.Section}:KeepAliveInterval", options.KeepAliveInterval, "an HTTP/2 ping on a silent agent channel after this long, e.g. 1m");
        AtLeastOneSecond(failures, $"{AgentClientOptions.Section}:KeepAliveTimeout", options.KeepAliveTimeout, "how long a ping may go unanswered, e.g. 20s");
        if (options.ControllerId.Any(c => c is < ' ' or > '~'))
        {
            failures.Add($"{AgentClientOptions.Section}:ControllerId '{options.ControllerId}' is not printable ASCII; it travels as dc-controller-id metadata (empty: the own site's system uuid).");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, SubcloudRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!SoftwareRelease.TryParse(options.MinimumDualStackRelease, out _))
        {
            failures.Add($"{SubcloudRegistryOptions.Section}:MinimumDualStackRelease '{options.MinimumDualStackRelease}' is not a release such as 24.09 (N-36).");
        }

        if (options.DefaultAgentPort is < 1 or > 65535)
        {
            failures.Add($"{SubcloudRegistryOptions.Section}:DefaultAgentPort is {options.DefaultAgentPort}; give 1 to 65535.");
        }

        if (options.JoinTokenLifetime <= TimeSpan.Zero || options.JoinTokenLifetime > Core.Enrollment.SubcloudEnrollment.MaximumTokenLifetime)
        {
            failures.Add($"{SubcloudRegistryOptions.Section}:JoinTokenLifetime is {options.JoinTokenLifetime}; give a duration above 0 and at most 30d: how long a join token stays usable (S-2), e.g. 24h.");
        }

        if (options.CertificateLifetime < TimeSpan.FromSeconds(10) || options.CertificateLifetime > TimeSpan.FromDays(3650))
        {
            failures.Add($"{SubcloudRegistryOptions.Section}:CertificateLifetime is {options.CertificateLifetime}; give 10s to 3650d: the lifetime of an agent's certificate, renewed after two thirds of it (S-3), e.g. 365d.");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, $"{StrategyOptions.Section}:OfflinePauseTimeout", options.OfflinePauseTimeout, "how long a subcloud may stay offline during its steps (D-17), e.g. 30m");
        if (!SoftwareRelease.TryParse(options.MinimumDualStackRelease, out _))
        {
            failures.Add($"{StrategyOptions.Section}:MinimumDualStackRelease '{options.MinimumDualStackRelease}' is not a release such as 24.09 (N-36).");
        }

        return Result(failures);
    }

    // The HTTP handler refuses keepalive settings under one second.
    private static void AtLeastOneSecond(List<string> failures, string key, TimeSpan value, string meaning)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{key} must be at least 1s (was {value}): {meaning}.");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value, string meaning)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}; give a positive duration: {meaning}.");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
