using DistributedCloud.Contracts.Controller.V1;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real <c>DistributedCloud.Controller</c> process (<see cref="SiteHostProcess"/>), called on its admin API
/// (<c>distributedcloud.controller.v1.SystemController</c>, no fencing metadata: admin calls carry none) and on the platform
/// API it serves for its own site and forwards to subclouds (<c>dc-subcloud</c>).
/// </summary>
public sealed class ControllerProcess : SiteHostProcess
{
    public const string Assembly = "DistributedCloud.Controller.dll";

    private static readonly string[] Sections = ["Controller", "Audit", "Agents", "Subclouds", "Strategies", "Bus", "Workflows"];

    private ControllerProcess(HostStart start)
        : base(Assembly, Sections, start, start.DataDirectory)
    {
    }

    /// <summary>Starts a controller and waits until it answers GetSite; fails with its output when it does not.</summary>
    public static async Task<ControllerProcess> StartAsync(HostStart start, CancellationToken cancellationToken = default)
    {
        var controller = new ControllerProcess(start);
        try
        {
            await controller.LaunchAsync(cancellationToken);
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the controller with <paramref name="args"/> to its exit (a refused start, --migrate, --help).</summary>
    public static Task<HostExit> RunToExitAsync(TimeSpan timeout, params string[] args) => RunToExitAsync(Assembly, Sections, timeout, args);

    /// <summary>
    /// <c>--backup FILE</c> of this controller's data directory (S-8a), run as a second process while this one may be
    /// serving; <paramref name="more"/> such as <c>--force</c>.
    /// </summary>
    public Task<HostExit> BackupAsync(string file, params string[] more) =>
        RunToExitAsync(TimeSpan.FromMinutes(2), ["--data-dir", DataDirectory, "--backup", file, .. more]);

    /// <summary><c>--restore FILE</c> into <paramref name="dataDirectory"/> (S-8a), which must not exist or be empty.</summary>
    public static Task<HostExit> RestoreAsync(string file, string dataDirectory) =>
        RunToExitAsync(TimeSpan.FromMinutes(2), "--data-dir", dataDirectory, "--restore", file);

    /// <summary>dcctl against this controller (<c>--controller URL</c>, then <paramref name="args"/>).</summary>
    public Task<DcctlResult> CtlAsync(params string[] args) => Dcctl.RunAsync(["--controller", Url, .. args]);

    /// <summary>One admin call: <c>controller.CallAsync((c, o) => c.ListSubcloudsAsync(new(), o))</c>.</summary>
    public async Task<T> CallAsync<T>(Func<SystemController.SystemControllerClient, CallOptions, AsyncUnaryCall<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var pending = call(new SystemController.SystemControllerClient(Channel()), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20)));
        return await pending.ResponseAsync;
    }

    /// <summary>One platform call on the controller's own site, or with <paramref name="subcloud"/> forwarded to that subcloud's agent.</summary>
    public async Task<T> PlatformAsync<T>(Func<V1.SubcloudAgent.SubcloudAgentClient, CallOptions, AsyncUnaryCall<T>> call, string? subcloud = null,
        Contracts.Fencing.FencingToken? fencing = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var pending = call(new V1.SubcloudAgent.SubcloudAgentClient(Channel()), PlatformCall(fencing, subcloud));
        return await pending.ResponseAsync;
    }

    public async Task<Subcloud> GetSubcloudAsync(string name) => await CallAsync((c, o) => c.GetSubcloudAsync(new GetSubcloudRequest { Name = name }, o));

    /// <summary>Polls GetSubcloud until <paramref name="done"/> holds (bounded; the audit interval is the test's).</summary>
    public async Task<Subcloud> WaitForSubcloudAsync(string name, Func<Subcloud, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var current = await GetSubcloudAsync(name);
            if (done(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"subcloud {name} did not reach the expected state; last: {current}\n--- controller output\n{Output}");
            }

            await Task.Delay(200);
        }
    }
}
