using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// <c>dcctl subcloud add NAME --bootstrap FILE --agent-address ADDR [--port N] [--group G] [--release R]
/// [--description D] [--location L] [--token-expires D]</c>. The bootstrap file is read here and sent as text; the
/// controller checks its address plan against its own (D-2, N-34..N-37). The answer ends with the join token, the CA
/// fingerprint and the agent's settings (S-2).
/// </summary>
public sealed class SubcloudAddCommand : ControllerCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The subcloud's name (an RFC-1123 label, D-1)." };
    private readonly Option<string?> _bootstrap = new("--bootstrap") { Description = "The subcloud's bootstrap file (YAML)." };
    private readonly Option<string?> _agentAddress = new("--agent-address") { Description = "The agent's primary admin-or-mgmt address." };
    private readonly Option<int?> _port = new("--port") { Description = "The agent's port (default: the controller's default agent port)." };
    private readonly Option<string?> _group = new("--group") { Description = "The subcloud group (default: Default)." };
    private readonly Option<string?> _release = new("--release") { Description = "The subcloud's software release." };
    private readonly Option<string?> _description = new("--description") { Description = "Free text." };
    private readonly Option<string?> _location = new("--location") { Description = "Free text, where the site is." };
    private readonly Option<string?> _tokenExpires = TokenExpiresOption.Create();

    public SubcloudAddCommand()
        : base("add", "Register a subcloud: its bootstrap file and how to reach its agent; prints the join token its agent enrolls with.")
    {
        Arguments.Add(_name);
        foreach (var option in new Option[] { _bootstrap, _agentAddress, _port, _group, _release, _description, _location, _tokenExpires })
        {
            Options.Add(option);
        }

        Validators.Add(result =>
        {
            var problems = new List<string>();
            OptionChecks.Required(result, _bootstrap, problems);
            OptionChecks.Required(result, _agentAddress, problems);
            if (OptionChecks.Integer(result, _port) is { } port && port is < 1 or > 65535)
            {
                problems.Add($"--port {port} is not a port; give 1..65535");
            }

            TokenExpiresOption.Check(result, _tokenExpires, problems);

            OptionChecks.Report(result, problems);
        });
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new AddSubcloudRequest
        {
            Name = parseResult.GetValue(_name)!,
            BootstrapYaml = InputFiles.ReadText(parseResult.GetValue(_bootstrap)!, "bootstrap file"),
            AgentAddress = parseResult.GetValue(_agentAddress)!,
            AgentPort = (uint)(parseResult.GetValue(_port) ?? 0),
            Group = parseResult.GetValue(_group) ?? string.Empty,
            Release = parseResult.GetValue(_release) ?? string.Empty,
            Description = parseResult.GetValue(_description) ?? string.Empty,
            Location = parseResult.GetValue(_location) ?? string.Empty,
            TokenExpires = TokenExpiresOption.Value(parseResult, _tokenExpires),
        };
        var subcloud = await controller.CallAsync((c, o) => c.AddSubcloudAsync(request, o), cancellationToken);
        await EnrollmentOutput.WriteAsync(output, subcloud);
        return ExitCodes.Success;
    }
}
