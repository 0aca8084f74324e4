using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>
/// <c>dcctl alarm-list [--subcloud NAME]</c>: the site's active alarms. Through the controller without a subcloud,
/// the controller's own alarms, and on stderr one line per subcloud that has alarms (H-15), so stdout stays the table.
/// </summary>
public sealed class AlarmListCommand() : PlatformCommand("alarm-list", "List the site's active alarms.")
{
    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var response = await site.ListAlarmsAsync(cancellationToken);
        await TableOutput.WriteListAsync(output, PlatformTables.Alarms(response.Alarms));
        foreach (var summary in response.SubcloudSummaries.Where(s => s.Critical + s.Major + s.Minor + s.Warning > 0))
        {
            output.Message($"subcloud {summary.Subcloud}: {summary.Critical} critical, {summary.Major} major, {summary.Minor} minor, {summary.Warning} warning (dcctl --subcloud {summary.Subcloud} alarm-list)");
        }

        return ExitCodes.Success;
    }
}
