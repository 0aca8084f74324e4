using System.Net.Http;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using IpFamily = DistributedCloud.Networking.Addressing.IpFamily;

namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>Starting the real agent: create, reuse, refusals, the caller's family, health endpoints, metrics and OTLP, --migrate.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentStartTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GetSite_reports_the_family_each_call_arrived_on_when_listening_on_both()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { ListenIPv4 = true });

        var overIpv6 = await agent.GetSiteAsync(family: IpFamily.IPv6);
        var overIpv4 = await agent.GetSiteAsync(family: IpFamily.IPv4);

        Assert.Equal((AddressFamily.Ipv6, "::1", "::1"), (overIpv6.ArrivalFamily, overIpv6.ArrivalLocalAddress, overIpv6.ArrivalPeerAddress));
        Assert.Equal((AddressFamily.Ipv4, "127.0.0.1", "127.0.0.1"), (overIpv4.ArrivalFamily, overIpv4.ArrivalLocalAddress, overIpv4.ArrivalPeerAddress));

        // The seed's system: AIO-DX, IPv6 single-stack.
        Assert.Equal((SystemMode.Duplex, AddressFamily.Ipv6), (overIpv6.SystemMode, overIpv6.PrimaryFamily));
        Assert.Equal(["controller-0", "controller-1"], overIpv6.Hosts.Select(h => h.Hostname));
        Assert.Equal(ControllerRole.Active, overIpv6.Hosts[0].Role);
        Assert.All(overIpv6.Networks.Where(n => n.Name != "pxeboot"), n => Assert.Equal(AddressFamily.Ipv6, n.PrimaryPoolFamily));
        Assert.Contains(overIpv6.Networks, n => n.Name == "oam");
        Assert.Equal(overIpv6.SystemUuid, overIpv4.SystemUuid);

        // Every assignment, with the uuid a controller needs to remove a secondary pool from the site alone.
        var oam = Assert.Single(overIpv6.NetworkAddressPools, a => a.NetworkName == "oam");
        Assert.True(oam.Primary);
        Assert.Equal(overIpv6.Networks.Single(n => n.Name == "oam").Pools[0].Name, oam.AddrpoolName);
        Assert.True(Guid.TryParse(oam.Uuid, out _));
    }

    [Fact]
    public async Task A_restart_reuses_the_data_directory_with_or_without_the_same_bootstrap()
    {
        await using var agent = await AgentProcess.StartAsync();
        var first = await agent.GetSiteAsync();
        await agent.CallAsync((c, o) => c.AddAddressPoolAsync(new AddAddressPoolRequest
        {
            Name = "oam-ipv4", Network = "10.10.204.0", Prefix = 24,
            Ranges = { new AddressRange { Start = "10.10.204.1", End = "10.10.204.253" } },
        }, o));
        Assert.Equal(0, await agent.StopAsync());
        Assert.Contains("Site closed; agent stopped", agent.Output, StringComparison.Ordinal);

        await agent.RestartAsync();
        var again = await agent.GetSiteAsync();
        Assert.Equal(first.SystemUuid, again.SystemUuid);
        var pools = await agent.CallAsync((c, o) => c.ListAddressPoolsAsync(new ListAddressPoolsRequest(), o));
        Assert.Contains(pools.Pools, p => p.Name == "oam-ipv4" && p.Family == AddressFamily.Ipv4);

        await agent.RestartAsync(s => s with { Bootstrap = null });
        Assert.Equal(first.SystemUuid, (await agent.GetSiteAsync()).SystemUuid);
        Assert.True(File.Exists(Path.Combine(agent.DataDirectory, "bootstrap.yaml")));
    }

    [Fact]
    public async Task A_different_bootstrap_is_refused_naming_both_files_and_the_way_out()
    {
        await using var agent = await AgentProcess.StartAsync();
        await agent.StopAsync();
        var other = BootstrapExamples.PathOf(BootstrapExamples.AioSxIpv4);

        var refused = await AgentProcess.RunToExitAsync(ExitTimeout,
            "--data-dir", agent.DataDirectory, "--bootstrap", other, "--listen", agent.Url);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"--bootstrap '{other}' is not the bootstrap file the site in '{agent.DataDirectory}' was created from", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(agent.DataDirectory, "bootstrap.yaml"), refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("start without --bootstrap", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("empty --data-dir", refused.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_without_bootstrap_on_an_empty_data_directory_is_refused()
    {
        var directory = AgentProcess.NewDataDirectory();
        try
        {
            var refused = await AgentProcess.RunToExitAsync(ExitTimeout, "--data-dir", directory, "--listen", "https://[::1]:1");

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"the data directory '{directory}' holds no site yet and no --bootstrap file was given", refused.StdErr, StringComparison.Ordinal);
            Assert.Contains("Give --bootstrap FILE", refused.StdErr, StringComparison.Ordinal);
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
    public async Task A_listen_port_in_use_is_one_clear_line_on_stderr_exit_1_and_creates_nothing()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.IPv6Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var directory = AgentProcess.NewDataDirectory();
        try
        {
            var refused = await AgentProcess.RunToExitAsync(ExitTimeout, "--data-dir", directory,
                "--bootstrap", BootstrapExamples.PathOf(BootstrapExamples.AioDxIpv6), "--listen", $"https://[::1]:{port}");

            Assert.Equal(1, refused.ExitCode);
            // stderr is the one line for the operator; the log (stdout, the journal) may keep the details.
            var line = Assert.Single(refused.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("cannot listen", line, StringComparison.Ordinal);
            Assert.Contains("address already in use", line, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("--listen", line, StringComparison.Ordinal);
            // Listeners are bound before anything is opened: a start refused here created no site.
            Assert.False(File.Exists(Path.Combine(directory, "site.db")), "a start that could not listen created site.db");
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
    public async Task Bad_settings_are_all_listed_at_once_and_nothing_starts()
    {
        var result = await AgentProcess.RunToExitAsync(ExitTimeout,
            "--listen", "http://localhost:50052", "--listen", "http://[::1]", "--http-listen", "https://127.0.0.1:9102",
            "--host-driver", "exec", "--action-delay", "-5s", "--bootstrap", "/nonexistent/bootstrap.yaml");

        Assert.Equal(2, result.ExitCode);
        var expected = new[]
        {
            "Agent:DataDirectory (--data-dir) is missing",
            "Agent:Bootstrap (--bootstrap) '/nonexistent/bootstrap.yaml' does not exist",
            "Agent:Listen:0 (--listen) 'http://localhost:50052' names host 'localhost'",
            "Agent:Listen:1 (--listen) 'http://[::1]' has no port",
            "Agent:HttpListen (--http-listen) 'https://127.0.0.1:9102' is https",
            "Agent:ActionDelay (--action-delay) '-5s' is negative",
            "Agent:Exec:Lock is missing",
            "Agent:Exec:Unlock is missing",
            "Agent:Exec:Swact is missing",
        };
        foreach (var line in expected)
        {
            Assert.Contains(line, result.StdErr, StringComparison.Ordinal);
        }

        Assert.Contains($"{expected.Length} setting(s) are wrong", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_driver_and_an_unknown_flag_are_refused_with_usage_exit_code()
    {
        var driver = await AgentProcess.RunToExitAsync(ExitTimeout, "--data-dir", AgentProcess.NewDataDirectory(), "--listen", "https://[::1]:1", "--host-driver", "ipmi");
        Assert.Equal(2, driver.ExitCode);
        Assert.Contains("Agent:HostDriver (--host-driver) 'ipmi' is not a host driver; use 'simulated' or 'exec'", driver.StdErr, StringComparison.Ordinal);

        var flag = await AgentProcess.RunToExitAsync(ExitTimeout, "--frobnicate");
        Assert.Equal(2, flag.ExitCode);
        Assert.Contains("'--frobnicate' is not an option", flag.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_come_from_environment_variables_too()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart
        {
            ActionDelay = null,
            Environment = new Dictionary<string, string> { ["Agent__ActionDelay"] = "2s", ["Agent__HostDriver"] = "simulated" },
        });

        await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1" }, o));
        await Task.Delay(700);
        Assert.Equal("Locking", (await agent.ShowHostAsync("controller-1")).Task);
        await agent.WaitForHostAsync("controller-1", h => h.Administrative == AdministrativeState.Locked);
        Assert.Contains("host driver simulated", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_the_schema_and_exits_zero_and_the_agent_then_creates_the_site()
    {
        var directory = AgentProcess.NewDataDirectory();
        try
        {
            var migrated = await AgentProcess.RunToExitAsync(ExitTimeout, "--migrate", "--data-dir", directory);
            Assert.Equal(0, migrated.ExitCode);
            Assert.Contains("20260101000000_InitialCreate", migrated.StdOut, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "site.db")));

            var again = await AgentProcess.RunToExitAsync(ExitTimeout, "--migrate", "--data-dir", directory);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("migrations applied now: none", again.StdOut, StringComparison.Ordinal);

            await using var agent = await AgentProcess.StartAsync(new HostStart
            {
                DataDirectory = directory,
                Environment = new Dictionary<string, string> { ["Agent__MigrateOnStart"] = "false" },
            });
            Assert.Equal(2, (await agent.GetSiteAsync()).Hosts.Count);
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
    public async Task Health_readiness_and_metrics_answer_on_the_http_endpoint_only()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { HealthEndpoint = true });
        await agent.GetSiteAsync();
        using var http = new HttpClient { BaseAddress = new Uri(agent.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        Assert.Equal("ready\n", await http.GetStringAsync("/readyz"));
        var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        Assert.Equal("counter", metrics.TypeOf("dc_agent_fencing_decisions_total"));
        Assert.True(metrics.Value("dc_agent_fencing_decisions_total", ("decision", "accepted")) >= 1, metrics.Text);
        Assert.Equal(1, metrics.Value("dc_agent_ready"));
        // Every gRPC call is an HTTP/2 request: ASP.NET Core's request meter times it by route (the method).
        Assert.Equal("histogram", metrics.TypeOf("http_server_request_duration_seconds"));
        Assert.True(metrics.Sum("http_server_request_duration_seconds_count", ("http_route", "/distributedcloud.agent.v1.SubcloudAgent/GetSite")) >= 1, metrics.Text);
        var notFound = await http.GetAsync("/distributedcloud.agent.v1.SubcloudAgent/GetSite");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("not found: this endpoint serves /healthz, /readyz and /metrics\n", await notFound.Content.ReadAsStringAsync());

        // The gRPC port never serves them (HTTP/2 with prior knowledge, as a gRPC client speaks to it).
        using var grpcPort = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
        {
            BaseAddress = new Uri(agent.Url),
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
        foreach (var path in new[] { "/healthz", "/readyz", "/metrics" })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await grpcPort.GetAsync(path)).StatusCode);
        }

        Assert.Equal(0, await agent.StopAsync());
    }

    [Fact]
    public async Task Metrics_carry_the_runtime_and_the_process_CPU_and_memory()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { HealthEndpoint = true });
        using var http = new HttpClient { BaseAddress = new Uri(agent.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };

        var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));

        // The process: CPU time by mode and the working set (the runtime's System.Runtime meter, through
        // OpenTelemetry.Instrumentation.Runtime).
        Assert.Equal("counter", metrics.TypeOf("dotnet_process_cpu_time_seconds_total"));
        Assert.True(metrics.Value("dotnet_process_cpu_time_seconds_total", ("cpu_mode", "user")) > 0, metrics.Text);
        Assert.True(metrics.Value("dotnet_process_cpu_time_seconds_total", ("cpu_mode", "system")) >= 0, metrics.Text);
        Assert.True(metrics.Value("dotnet_process_memory_working_set_bytes") > 1_000_000, metrics.Text);
        Assert.Equal(Environment.ProcessorCount, metrics.Value("dotnet_process_cpu_count"));
        // The runtime: GC, heap, thread pool.
        Assert.True(metrics.Value("dotnet_gc_heap_total_allocated_bytes_total") > 0, metrics.Text);
        Assert.NotEmpty(metrics.Find("dotnet_gc_last_collection_heap_size_bytes"));
        Assert.True(metrics.Value("dotnet_thread_pool_thread_count") >= 1, metrics.Text);
        // Who is reporting: the resource, once, not on every series.
        Assert.Single(metrics.Find("target_info", ("service_name", "distributedcloud-agent")));
        Assert.DoesNotContain(metrics.Samples, s => s.Labels.ContainsKey("otel_scope_name"));

        Assert.Equal(0, await agent.StopAsync());
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_set_traces_and_metrics_are_exported_to_it()
    {
        using var collector = new OtlpCollector();
        await using var agent = await AgentProcess.StartAsync(new HostStart
        {
            Environment = new Dictionary<string, string>
            {
                ["Telemetry__OtlpEndpoint"] = collector.Url,
                ["Telemetry__OtlpProtocol"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
        });
        await agent.GetSiteAsync();

        // OTLP/HTTP bodies are protobuf; the span's route and the service name are in them as plain UTF-8.
        await collector.WaitForAsync("/v1/traces", "/distributedcloud.agent.v1.SubcloudAgent/GetSite", "distributedcloud-agent");
        await collector.WaitForAsync("/v1/metrics", "dc.agent.rpc.calls", "http.server.request.duration", "dotnet.process.cpu.time");

        Assert.Equal(0, await agent.StopAsync());
    }

    [Fact]
    public async Task A_bad_OTLP_endpoint_is_listed_with_the_other_bad_settings_and_nothing_starts()
    {
        var result = await AgentProcess.RunToExitAsync(ExitTimeout,
            new Dictionary<string, string> { ["Telemetry__OtlpEndpoint"] = "collector:4317", ["Telemetry__OtlpProtocol"] = "udp" },
            "--data-dir", AgentProcess.NewDataDirectory(), "--listen", "https://[::1]:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Telemetry:OtlpEndpoint 'collector:4317' must be an absolute http:// or https:// URL", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Telemetry:OtlpProtocol 'udp' must be 'grpc' or 'http/protobuf'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("2 setting(s) are wrong", result.StdErr, StringComparison.Ordinal);
    }
}
