using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace DistributedCloud.EndToEnd.Tests.Agent;

/// <summary>Host actions and events through the real agent, and what survives a kill -9 in the middle of one.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentHostActionTests
{
    [Fact]
    public async Task A_lock_returns_at_once_completes_in_the_background_and_shows_in_ShowHost_and_WatchEvents()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { ActionDelay = "500ms" });
        using var watchCancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = agent.Client().WatchEvents(new WatchEventsRequest(), SiteHostProcess.PlatformCall().WithDeadline(DateTime.MaxValue).WithCancellationToken(watchCancel.Token));
        await Task.Delay(300); // the watch is registered before the action starts

        var accepted = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "lock-c1" }, o));

        Assert.Equal(("lock-c1", HostAction.Lock, OperationState.Running, false), (accepted.OperationId, accepted.Action, accepted.State, accepted.Replayed));
        Assert.Equal("Locking", accepted.Host.Task);
        var locked = await agent.WaitForHostAsync("controller-1", h => h.Administrative == AdministrativeState.Locked && h.Task == "");
        Assert.Equal(OperationalState.Disabled, locked.Operational);

        var progress = new List<HostActionProgress>();
        await foreach (var item in watch.ResponseStream.ReadAllAsync(watchCancel.Token))
        {
            if (item.EventCase == SiteEvent.EventOneofCase.HostAction && item.HostAction.OperationId == "lock-c1")
            {
                progress.Add(item.HostAction);
                if (item.HostAction.State == OperationState.Succeeded)
                {
                    break;
                }
            }
        }

        Assert.Equal(OperationState.Running, progress[0].State);
        Assert.Equal(OperationState.Succeeded, progress[^1].State);
        Assert.All(progress, p => Assert.Equal(("controller-1", HostAction.Lock), (p.Hostname, p.Action)));

        var replay = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "lock-c1" }, o));
        Assert.Equal((true, OperationState.Succeeded), (replay.Replayed, replay.State));
    }

    [Fact]
    public async Task Refusals_of_the_site_come_back_as_grpc_statuses_with_the_rule()
    {
        await using var agent = await AgentProcess.StartAsync();

        var active = await Assert.ThrowsAsync<RpcException>(() => agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-0" }, o)));
        Assert.Equal(StatusCode.FailedPrecondition, active.StatusCode);
        Assert.Equal("H-3", active.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Reason);

        var missing = await Assert.ThrowsAsync<RpcException>(() => agent.ShowHostAsync("compute-9"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Killed_during_a_lock_the_restarted_agent_reports_it_failed_and_a_retry_locks()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { ActionDelay = "5s" });
        var accepted = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "lock-before-crash" }, o));
        Assert.Equal("Locking", accepted.Host.Task);
        await Task.Delay(500);

        await agent.KillAsync();
        await agent.RestartAsync();

        // Finished or reported failed, never stuck: here the action could not have finished, so it failed and the
        // host is as it was, idle.
        var host = await agent.ShowHostAsync("controller-1");
        Assert.Equal((AdministrativeState.Unlocked, ""), (host.Administrative, host.Task));
        var replay = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "lock-before-crash" }, o));
        Assert.Equal((true, OperationState.Failed), (replay.Replayed, replay.State));

        var retry = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "lock-retry" }, o));
        Assert.False(retry.Replayed);
        var locked = await agent.WaitForHostAsync("controller-1", h => h.Administrative == AdministrativeState.Locked && h.Task == "",
            TimeSpan.FromSeconds(30));
        Assert.Equal(OperationalState.Disabled, locked.Operational);
    }

    [Fact]
    public async Task The_sample_configuration_runs_with_the_exec_driver_whose_failing_command_fails_the_action_with_its_output()
    {
        var directory = AgentProcess.NewDataDirectory();
        var sample = Path.Combine(AppContext.BaseDirectory, "deploy", "appsettings.sample.json");
        try
        {
            // The unit's order: --migrate first (the sample turns MigrateOnStart off), then the agent.
            var migrated = await AgentProcess.RunToExitAsync(TimeSpan.FromSeconds(60), "--migrate", "--config", sample, "--data-dir", directory);
            Assert.True(migrated.ExitCode == 0, migrated.ToString());

            await using var agent = await AgentProcess.StartAsync(new HostStart
            {
                DataDirectory = directory,
                HealthEndpoint = true,
                ExtraArgs = ["--config", sample],
                Environment = new Dictionary<string, string> { ["Agent__Exec__Lock"] = "echo locking {host} >&2; exit 3" },
            });
            Assert.Contains("host driver exec", agent.Output, StringComparison.Ordinal);

            var accepted = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = "exec-lock" }, o));
            var finished = await agent.WaitForHostAsync("controller-1", h => h.Task == "");
            Assert.Equal(AdministrativeState.Unlocked, finished.Administrative);
            var replay = await agent.CallAsync((c, o) => c.LockHostAsync(new HostActionRequest { Host = "controller-1", OperationId = accepted.OperationId }, o));
            Assert.Equal(OperationState.Failed, replay.State);
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
    public async Task ApplyNetworkChange_is_idempotent_by_operation_id_over_the_wire()
    {
        await using var agent = await AgentProcess.StartAsync();
        var request = new ApplyNetworkChangeRequest
        {
            OperationId = "oam-secondary",
            Steps =
            {
                new NetworkChangeStep
                {
                    AddAddressPool = new AddAddressPoolRequest
                    {
                        Name = "oam-ipv4", Network = "10.10.204.0", Prefix = 24, FloatingAddress = "10.10.204.1",
                        Controller0Address = "10.10.204.2", Controller1Address = "10.10.204.3", GatewayAddress = "10.10.204.254",
                        Ranges = { new AddressRange { Start = "10.10.204.1", End = "10.10.204.253" } },
                    },
                },
                new NetworkChangeStep { AssignNetworkAddressPool = new AssignNetworkAddressPoolRequest { Network = "oam", Pool = "oam-ipv4" } },
            },
        };

        var first = await agent.CallAsync((c, o) => c.ApplyNetworkChangeAsync(request, o));
        Assert.Equal((OperationState.Succeeded, false, 2), (first.State, first.Replayed, first.Results.Count));
        Assert.Equal("oam-ipv4", first.Results[0].AddressPool.Name);
        Assert.Equal(("oam", false), (first.Results[1].NetworkAddressPool.NetworkName, first.Results[1].NetworkAddressPool.Primary));
        Assert.NotEmpty(first.ConfigTarget);

        var again = await agent.CallAsync((c, o) => c.ApplyNetworkChangeAsync(request, o));
        Assert.True(again.Replayed);
        Assert.Equal(first.ConfigTarget, again.ConfigTarget);
        Assert.Equal(first.Results, again.Results);

        var other = request.Clone();
        other.Steps.RemoveAt(1);
        var conflict = await Assert.ThrowsAsync<RpcException>(() =>
            agent.CallAsync((c, o) => c.ApplyNetworkChangeAsync(other, o)));
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);

        var alarms = await agent.CallAsync((c, o) => c.ListAlarmsAsync(new ListAlarmsRequest(), o));
        Assert.Equal(["host=controller-0", "host=controller-1"], alarms.Alarms.Select(a => a.EntityInstanceId).Order());
    }
}
