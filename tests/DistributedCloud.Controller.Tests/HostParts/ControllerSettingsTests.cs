using DistributedCloud.Controller.Configuration;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Site.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace DistributedCloud.Controller.Tests.HostParts;

/// <summary>The controller's command line and settings checks: every bad key is listed at once, each named.</summary>
public sealed class ControllerSettingsTests
{
    private static readonly IConfiguration NoTls = new ConfigurationBuilder().Build();

    [Fact]
    public void Every_bad_own_site_setting_is_listed_with_its_key_and_flag()
    {
        var options = new ControllerOptions
        {
            DataDirectory = null,
            Bootstrap = "/nonexistent/controller.yaml",
            Listen = ["http://controller.example:50051", "http://[::1]:50051"],
            HttpListen = "https://127.0.0.1:9102",
            HostDriver = "magic",
            ActionDelay = "-1s",
            ShutdownGrace = "soon",
        };

        var result = new ControllerOptionsValidator(NoTls, new HostRunMode(false)).Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Collection(failures,
            f => Assert.StartsWith("Controller:DataDirectory (--data-dir) is missing", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:Bootstrap (--bootstrap) '/nonexistent/controller.yaml' does not exist", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:Listen:0 (--listen) 'http://controller.example:50051' names host 'controller.example'", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:Listen:1 (--listen) 'http://[::1]:50051' is plaintext; gRPC listeners use TLS (S-4)", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:HttpListen (--http-listen) 'https://127.0.0.1:9102' is https", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:ActionDelay (--action-delay) '-1s' is negative", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:ShutdownGrace 'soon' is not a duration", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Controller:HostDriver (--host-driver) 'magic' is not a host driver", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("00:00:05", 5)]
    public void Durations_of_the_domain_sections_bind_in_the_products_one_format(string text, double seconds)
    {
        DurationConverter.Register();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audit:CallTimeout"] = text,
            ["Strategies:OfflinePauseTimeout"] = text,
        }).Build();

        Assert.Equal(TimeSpan.FromSeconds(seconds), configuration.GetSection(AuditOptions.Section).Get<AuditOptions>()!.CallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(seconds), configuration.GetSection(StrategyOptions.Section).Get<StrategyOptions>()!.OfflinePauseTimeout);
    }

    [Fact]
    public void A_duration_the_binder_cannot_read_names_its_key_and_the_forms()
    {
        DurationConverter.Register();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:SyncInterval"] = "soon" }).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => configuration.GetSection(AuditOptions.Section).Get<AuditOptions>());

        Assert.Contains("Audit:SyncInterval", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'soon' is not a duration", failure.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_only_needs_the_data_directory()
    {
        var options = new ControllerOptions { DataDirectory = Path.GetTempPath(), HostDriver = "magic" };
        Assert.True(new ControllerOptionsValidator(NoTls, new HostRunMode(true)).Validate(null, options).Succeeded);
        Assert.True(new ControllerOptionsValidator(NoTls, new HostRunMode(false)).Validate(null, options).Failed);
    }

    [Fact]
    public void Every_bad_audit_setting_is_listed_D5_D6_D8()
    {
        var audit = new AuditOptions
        {
            AvailabilityInterval = TimeSpan.Zero,
            SyncInterval = TimeSpan.FromSeconds(-1),
            CallTimeout = TimeSpan.Zero,
            FailuresBeforeOffline = 0,
            MaxConcurrency = 0,
        };

        var failures = new DomainOptionsValidator().Validate(null, audit).Failures!.ToArray();

        Assert.Equal(
            ["Audit:AvailabilityInterval", "Audit:SyncInterval", "Audit:CallTimeout", "Audit:FailuresBeforeOffline", "Audit:MaxConcurrency"],
            failures.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Bad_agent_registry_and_strategy_settings_are_each_named()
    {
        var validator = new DomainOptionsValidator();
        var agents = validator.Validate(null, new AgentClientOptions { CallTimeout = TimeSpan.Zero, ConnectTimeout = TimeSpan.Zero, ControllerId = "a\u00e9" }).Failures!;
        var registry = validator.Validate(null, new SubcloudRegistryOptions { MinimumDualStackRelease = "new", DefaultAgentPort = 0 }).Failures!;
        var strategies = validator.Validate(null, new StrategyOptions { OfflinePauseTimeout = TimeSpan.Zero, MinimumDualStackRelease = "x" }).Failures!;

        Assert.Equal(["Agents:CallTimeout", "Agents:ConnectTimeout", "Agents:ControllerId"], agents.Select(f => f.Split(' ')[0]));
        Assert.Equal(["Subclouds:MinimumDualStackRelease", "Subclouds:DefaultAgentPort"], registry.Select(f => f.Split(' ')[0]));
        Assert.Equal(["Strategies:OfflinePauseTimeout", "Strategies:MinimumDualStackRelease"], strategies.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void The_default_domain_settings_pass()
    {
        var validator = new DomainOptionsValidator();
        Assert.True(validator.Validate(null, new AuditOptions()).Succeeded);
        Assert.True(validator.Validate(null, new AgentClientOptions()).Succeeded);
        Assert.True(validator.Validate(null, new SubcloudRegistryOptions()).Succeeded);
        Assert.True(validator.Validate(null, new StrategyOptions()).Succeeded);
        Assert.Equal(50, new AuditOptions().MaxConcurrency);
    }

    [Fact]
    public void The_command_line_sets_the_controller_section_and_lists_every_mistake()
    {
        var line = ControllerCommandLine.Parse(["--data-dir", "d", "--listen", "http://[::1]:50051", "--listen", "http://127.0.0.1:50051", "--bogus", "--bootstrap"]);

        Assert.Equal("d", line.Settings["Controller:DataDirectory"]);
        Assert.Equal(("http://[::1]:50051", "http://127.0.0.1:50051", ""), (line.Settings["Controller:Listen:0"], line.Settings["Controller:Listen:1"], line.Settings["Controller:Listen:2"]));
        Assert.Equal(["'--bogus' is not an option of DistributedCloud.Controller; see --help.", "--bootstrap needs a value; see --help."], line.Errors);
    }
}
