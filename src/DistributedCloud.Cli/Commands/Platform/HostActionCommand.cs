using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>
/// <c>host-lock|host-unlock|host-swact HOST [--force]</c>. The site accepts the action at once (H-5); dcctl then waits
/// for its end, showing progress on stderr, unless <c>--no-wait</c>.
/// </summary>
public abstract class HostActionCommand : PlatformCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Argument<string> _host = new("HOST") { Description = "The hostname or uuid." };
    private readonly Option<bool> _force = new("--force") { Description = "Skip the checks that force may skip (hosts.md)." };
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Return once the site has accepted the action." };
    private readonly Option<string?> _timeout = new("--timeout") { Description = "How long to wait for the action (default 10m)." };
    private readonly HostAction _action;

    protected HostActionCommand(string name, string description, HostAction action)
        : base(name, description)
    {
        _action = action;
        Arguments.Add(_host);
        Options.Add(_force);
        Options.Add(_noWait);
        Options.Add(_timeout);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var hostName = parseResult.GetValue(_host)!;
        var timeoutText = parseResult.GetValue(_timeout);
        var timeout = TimeSpan.FromMinutes(10);
        if (timeoutText is not null && (!DurationText.TryParse(timeoutText, out timeout) || timeout <= TimeSpan.Zero))
        {
            throw new UsageException($"--timeout '{timeoutText}' is not a duration; write it like 90s, 5m or 1h");
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var operationId = Guid.NewGuid().ToString();
        var progress = new ActionProgress(operationId);

        // Watch the site's events from before the request, so the action's progress and reason cannot be missed.
        var watch = progress.FollowAsync(site, waiting.Token);
        try
        {
            var accepted = await site.HostActionAsync(_action,
                new HostActionRequest { Host = hostName, Force = parseResult.GetValue(_force), OperationId = operationId }, cancellationToken);
            output.Message($"{accepted.Host.Hostname}: {Describe(_action)} accepted (operation {accepted.OperationId}){(string.IsNullOrEmpty(accepted.Host.Task) ? string.Empty : $", task {accepted.Host.Task}")}");
            if (parseResult.GetValue(_noWait))
            {
                await TableOutput.WritePropertiesAsync(output, PlatformTables.Host(accepted.Host));
                return ExitCodes.Success;
            }

            var deadline = DateTimeOffset.UtcNow + timeout;
            var lastTask = accepted.Host.Task;
            while (true)
            {
                var host = await site.ShowHostAsync(accepted.Host.Uuid, cancellationToken);
                if (host.Task != lastTask && !string.IsNullOrEmpty(host.Task))
                {
                    output.Message($"{host.Hostname}: {host.Task}");
                }

                lastTask = host.Task;
                if (string.IsNullOrEmpty(host.Task) || progress.Failure is not null)
                {
                    return await FinishAsync(output, host, progress.Failure);
                }

                if (DateTimeOffset.UtcNow >= deadline)
                {
                    output.Message($"dcctl: {host.Hostname} is still '{host.Task}' after {timeout}; the action goes on at the site: follow it with 'dcctl host-show {host.Hostname}'");
                    return ExitCodes.TimedOut;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        finally
        {
            await waiting.CancelAsync();
            await watch;
        }
    }

    private async Task<int> FinishAsync(CommandOutput output, Host host, string? failure)
    {
        var reached = _action switch
        {
            HostAction.Lock => host.Administrative == AdministrativeState.Locked,
            HostAction.Unlock => host.Administrative == AdministrativeState.Unlocked,
            _ => host.Role != ControllerRole.Active,
        };
        var state = $"{PlatformText.Administrative(host.Administrative)}/{PlatformText.Operational(host.Operational)}/{PlatformText.Availability(host.Availability)}";
        if (failure is not null || !reached)
        {
            output.Message($"dcctl: {Describe(_action)} of {host.Hostname} failed: {failure ?? $"the host is {state}"}");
            await TableOutput.WritePropertiesAsync(output, PlatformTables.Host(host));
            return ExitCodes.Refused;
        }

        output.Message($"{host.Hostname}: {Describe(_action)} done, {state}{(PlatformText.Role(host.Role) is { } role ? $", {role}" : string.Empty)}");
        await TableOutput.WritePropertiesAsync(output, PlatformTables.Host(host));
        return ExitCodes.Success;
    }

    private static string Describe(HostAction action) => action switch
    {
        HostAction.Lock => "lock",
        HostAction.Unlock => "unlock",
        _ => "swact",
    };
}
