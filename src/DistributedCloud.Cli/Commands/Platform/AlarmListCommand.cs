using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl alarm-list</c></summary>
public sealed class AlarmListCommand() : ListCommand("alarm-list", "List the site's active alarms.")
{
    protected override async Task<BoxTable> ReadAsync(ISitePlatform site, CancellationToken cancellationToken) =>
        PlatformTables.Alarms(await site.ListAlarmsAsync(cancellationToken));
}
