using System.CommandLine;
using DistributedCloud.Cli.Platform;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Systems;

/// <summary><c>dcctl show</c>: the system controller (StarlingX's <c>system show</c>) with its CA fingerprint (S-1).</summary>
public sealed class ShowCommand() : ControllerCommand("show", "Show the system controller: name, uuid, mode, release, primary family, CA fingerprint.")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var system = await controller.CallAsync((c, o) => c.GetSystemAsync(new GetSystemRequest(), o), cancellationToken);
        await TableOutput.WritePropertiesAsync(output, BoxTable.Properties(
        [
            ("name", system.Name), ("uuid", system.Uuid), ("system mode", ControllerText.SystemMode(system.SystemMode)),
            ("software version", system.Release), ("primary family", PlatformText.Family(system.PrimaryFamily)),
            ("network mode", system.NetworkMode), ("controller id", system.ControllerId),
            ("ca fingerprint", system.CaFingerprint), ("ca expires", PlatformText.Timestamp(system.CaExpiresAt)),
        ]));
        return ExitCodes.Success;
    }
}
