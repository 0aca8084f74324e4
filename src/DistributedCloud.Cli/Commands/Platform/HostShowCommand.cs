using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary><c>dcctl host-show HOST</c></summary>
public sealed class HostShowCommand : PlatformCommand
{
    private readonly Argument<string> _host = new("HOST") { Description = "The hostname or uuid." };

    public HostShowCommand()
        : base("host-show", "Show one host: states, task, role and configuration.")
    {
        Arguments.Add(_host);
    }

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await TableOutput.WritePropertiesAsync(output, PlatformTables.Host(await site.ShowHostAsync(parseResult.GetValue(_host)!, cancellationToken)));
        return ExitCodes.Success;
    }
}
