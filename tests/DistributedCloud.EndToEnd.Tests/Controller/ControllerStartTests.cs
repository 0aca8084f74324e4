using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Controller;

/// <summary>Starting the real controller: its own site follows the agent's rules (D-22), --migrate, the settings checks.</summary>
[Collection(AgentCollection.Name)]
public sealed class ControllerStartTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_own_site_is_reused_and_a_different_bootstrap_is_refused_like_an_agents_D22()
    {
        await using var controller = await ControllerProcess.StartAsync(new HostStart { Bootstrap = "bootstrap-aio-dx-dual-stack.yaml" });
        var first = await controller.PlatformAsync((c, o) => c.GetSiteAsync(new(), o));
        Assert.Equal(0, await controller.StopAsync());
        Assert.Contains("Site closed; controller stopped", controller.Output, StringComparison.Ordinal);

        await controller.RestartAsync(s => s with { Bootstrap = null });
        Assert.Equal(first.SystemUuid, (await controller.PlatformAsync((c, o) => c.GetSiteAsync(new(), o))).SystemUuid);
        await controller.StopAsync();

        var other = BootstrapExamples.PathOf(BootstrapExamples.AioSxIpv4);
        var refused = await ControllerProcess.RunToExitAsync(ExitTimeout, "--data-dir", controller.DataDirectory, "--bootstrap", other, "--listen", controller.Url);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"--bootstrap '{other}' is not the bootstrap file the site in '{controller.DataDirectory}' was created from", refused.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_with_the_sample_configuration_creates_the_site_and_controller_databases_and_exits_0()
    {
        var directory = SiteHostProcess.NewDataDirectory();
        try
        {
            var sample = Path.Combine(AppContext.BaseDirectory, "deploy", "controller", "appsettings.sample.json");
            var result = await ControllerProcess.RunToExitAsync(ExitTimeout, "--config", sample, "--data-dir", directory, "--migrate");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(File.Exists(Path.Combine(directory, "site.db")));
            Assert.True(File.Exists(Path.Combine(directory, "controller.db")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Bad_settings_of_every_section_are_listed_at_once_and_nothing_starts()
    {
        var config = Path.Combine(Path.GetTempPath(), $"dc-controller-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Audit": { "MaxConcurrency": 0, "CallTimeout": "00:00:00" }, "Subclouds": { "DefaultAgentPort": 70000 } }""");
        try
        {
            var result = await ControllerProcess.RunToExitAsync(ExitTimeout, "--config", config, "--listen", "http://localhost:50051", "--host-driver", "magic");

            Assert.Equal(2, result.ExitCode);
            foreach (var key in new[]
            {
                "Controller:DataDirectory (--data-dir) is missing",
                "Controller:Listen:0 (--listen) 'http://localhost:50051' names host 'localhost'",
                "Controller:HostDriver (--host-driver) 'magic' is not a host driver",
                "Audit:CallTimeout is 00:00:00",
                "Audit:MaxConcurrency is 0",
                "Subclouds:DefaultAgentPort is 70000",
            })
            {
                Assert.Contains(key, result.StdErr, StringComparison.Ordinal);
            }

            Assert.Contains("DistributedCloud.Controller: 6 setting(s) are wrong; nothing was started", result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
