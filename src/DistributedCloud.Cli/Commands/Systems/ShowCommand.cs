using System.Text.Json.Nodes;
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
        (string Key, string? Value)[] rows =
        [
            ("name", system.Name), ("uuid", system.Uuid), ("system_mode", ControllerText.SystemMode(system.SystemMode)),
            ("software_version", system.Release), ("primary_family", PlatformText.Family(system.PrimaryFamily)),
            ("network_mode", system.NetworkMode), ("controller_id", system.ControllerId),
            ("ca_fingerprint", system.CaFingerprint), ("ca_expires", PlatformText.Timestamp(system.CaExpiresAt)),
        ];
        if (output.Format == OutputFormat.Table)
        {
            await TableOutput.WritePropertiesAsync(output, BoxTable.Properties([.. rows.Select(r => (r.Key.Replace('_', ' '), r.Value))]));
        }
        else
        {
            // Keys as scripts use them (snake_case), like the token and audit commands.
            await output.WriteDocumentAsync(new JsonObject(rows.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))));
        }

        return ExitCodes.Success;
    }
}
