using System.CommandLine;
using DistributedCloud.Cli.Commands.Access;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// <c>dcctl subcloud access NAME --role R --expires D [--out FILE]</c> (S-5a): break-glass access to an enrolled agent.
/// The key is made here and never sent; the controller signs its request as a short-lived
/// <c>dc://access/NAME/R/&lt;you&gt;</c> certificate, and the command writes a dcctl configuration for the agent
/// (its URL, the CA, the certificate and key), owner-only, usable while the controller is away.
/// </summary>
public sealed class SubcloudAccessCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The subcloud whose agent to reach." };
    private readonly Option<string?> _role = new("--role") { Description = "reader, operator or admin: what the agent lets the certificate do (S-7)." };
    private readonly Option<string?> _expires = new("--expires") { Description = "The certificate's lifetime, 5m to 24h, e.g. 30m or 4h." };
    private readonly Option<string?> _out = new("--out") { Description = "Where to write the dcctl configuration (default ./dcctl-access-NAME.yaml); written mode 0600." };

    public SubcloudAccessCommand()
        : base("access", "Get a short-lived certificate for direct (break-glass) access to an enrolled subcloud's agent; writes a dcctl configuration.")
    {
        Arguments.Add(_name);
        Options.Add(_role);
        Options.Add(_expires);
        Options.Add(_out);
        Validators.Add(result =>
        {
            var problems = new List<string>();
            OptionChecks.Required(result, _role, problems);
            OptionChecks.Choice(result, _role, [.. AccessText.Roles], problems);
            OptionChecks.Required(result, _expires, problems);
            if (OptionChecks.Text(result, _expires) is { } expires && (!DurationText.TryParse(expires, out var lifetime) || lifetime <= TimeSpan.Zero))
            {
                problems.Add($"--expires '{expires}' is not a positive duration; give e.g. 30m or 4h (5m to 24h)");
            }

            OptionChecks.Report(result, problems);
        });
    }

    public static string DefaultPath(string subcloud) => $"dcctl-access-{subcloud}.yaml";

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetValue(_name)!;
        var path = Path.GetFullPath(parseResult.GetValue(_out) is { Length: > 0 } given ? given : DefaultPath(name));
        _ = DurationText.TryParse(parseResult.GetValue(_expires), out var lifetime);
        var (key, signingRequest) = SelfSignedCertificate.NewSigningRequest();
        using (key)
        {
            var request = new IssueAccessCertificateRequest
            {
                Subcloud = name,
                Role = AccessText.ParseRole(parseResult.GetValue(_role)),
                Expires = Duration.FromTimeSpan(lifetime),
                SigningRequest = ByteString.CopyFrom(signingRequest),
            };
            var issued = await controller.CallAsync((c, o) => c.IssueAccessCertificateAsync(request, o), cancellationToken);
            var config = new DcctlConfig
            {
                Agent = issued.AgentUrl,
                CaCertificate = issued.CaCertificates,
                ClientCertificate = issued.Certificate,
                ClientKey = key.ExportPkcs8PrivateKeyPem() + "\n",
            };
            var expires = Text(issued.ExpiresAt);
            KeyFiles.WriteSecret(path, config.ToYaml(
                $"dcctl configuration for break-glass access to the agent of subcloud '{name}' (S-5a): {issued.Identity}, valid until {expires}.\n"
                + $"It holds a private key: keep it like a password and delete it when done. Use: dcctl --config {path} host-list"));
            await TableOutput.WritePropertiesAsync(output, BoxTable.Properties(
            [
                ("config", path), ("agent", issued.AgentUrl), ("identity", issued.Identity), ("expires", expires),
            ]));
            output.Message($"dcctl: use it with 'dcctl --config {path} host-list' (any platform command); it works until {expires}, even while the controller is away");
        }

        return ExitCodes.Success;
    }

    private static string Text(Timestamp? time) =>
        time?.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
