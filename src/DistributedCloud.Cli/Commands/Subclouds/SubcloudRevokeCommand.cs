using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// <c>dcctl subcloud revoke NAME</c> (S-3): the controller refuses the subcloud's agent certificate from now on (its
/// connection is dropped at once) until the agent enrolls again with a token of <c>subcloud enroll</c>.
/// </summary>
public sealed class SubcloudRevokeCommand() : SubcloudNameCommand("revoke", "Revoke a subcloud's agent certificate: the controller refuses it at once.")
{
    protected override Task<Subcloud> CallAsync(ControllerClient controller, string name, ParseResult parseResult, CancellationToken cancellationToken) =>
        controller.CallAsync((c, o) => c.RevokeSubcloudAsync(new RevokeSubcloudRequest { Name = name }, o), cancellationToken);
}
