using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Kubernetes;
using DistributedCloud.Networking.Kubernetes.Services.Manifests;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using DistributedCloud.Networking.Kubernetes.Services.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistributedCloud.Cli.Commands.Kubernetes;

/// <summary>
/// <c>dcctl k8s service-families --service-cidrs CIDR[,CIDR] [--before STORED] SERVICE</c>: plans a Service's
/// ipFamilyPolicy, ipFamilies, clusterIP and clusterIPs as the apiserver would (kubernetes.md K-15..K-24).
/// A thin adapter: reading files and printing are here, every rule is in <see cref="ServiceFamilyPlanner"/>.
/// </summary>
public sealed class ServiceFamiliesCommand : Command
{
    private readonly Option<string> _serviceCidrs = new("--service-cidrs")
    {
        Description = "The cluster's service CIDRs (kube-apiserver --service-cluster-ip-range): one, or two of different families, primary first.",
        Required = true,
    };

    private readonly Option<string?> _before = new("--before")
    {
        Description = "The Service as stored before this update (YAML or JSON). Without it the call plans a create.",
    };

    private readonly Argument<string> _service = new("SERVICE")
    {
        Description = "The Service manifest (YAML or JSON); '-' reads standard input.",
    };

    public ServiceFamiliesCommand()
        : base("service-families", "Plan a Service's IP family policy, IP families and cluster IPs as the apiserver would.")
    {
        Options.Add(_serviceCidrs);
        Options.Add(_before);
        Arguments.Add(_service);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(parseResult);
        var cidrs = ParseCidrs(parseResult.GetValue(_serviceCidrs));
        var service = await ReadManifestAsync(parseResult.GetValue(_service), "SERVICE", cancellationToken);
        var beforePath = parseResult.GetValue(_before);
        var before = beforePath is null ? null : await ReadManifestAsync(beforePath, "--before", cancellationToken);

        foreach (var warning in cidrs.Warnings)
        {
            output.Message($"dcctl: warning: {warning}");
        }

        var result = ServiceFamilyPlanner.Plan(service, before, cidrs.Cidrs);
        if (output.Format == OutputFormat.Table)
        {
            WriteTable(output, service, before is not null, cidrs.Cidrs, result);
        }
        else
        {
            await output.WriteDocumentAsync(ToJson(result), indented: false);
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Refused;
    }

    /// <summary>
    /// Parses <c>CIDR[,CIDR]</c> with <see cref="CidrList"/> (K-7, host bits cleared as upstream does). The list is
    /// the cluster's configuration, not the Service: any problem with it is a bad flag (exit 2).
    /// </summary>
    internal static CidrList ParseCidrs(string? text)
    {
        var cidrs = CidrList.Parse(text, ServiceFieldPaths.ServiceCidrsFlag, "service");
        if (!cidrs.IsValid)
        {
            throw new UsageException(
                $"{ServiceFieldPaths.ServiceCidrsFlag} '{text}' is not a usable service CIDR list (rule {CidrList.Rule}: one CIDR, or two of different families, primary first, as kube-apiserver's --service-cluster-ip-range): "
                + string.Join(" ", cidrs.Errors.Select(e => e.Message)));
        }

        return cidrs;
    }

    private static async Task<ServiceSpec> ReadManifestAsync(string? path, string what, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new UsageException($"{what}: no file given; name the Service manifest (YAML or JSON), or '-' for standard input");
        }

        var text = path == "-"
            ? await InputFiles.ReadStandardInputAsync(what, ServiceManifestReader.MaxManifestBytes, cancellationToken)
            : InputFiles.ReadText(path, what, ServiceManifestReader.MaxManifestBytes);
        var read = ServiceManifestReader.Read(text);
        return read.Service ?? throw new UsageException($"{what} '{path}': {read.Problem}");
    }

    /// <summary>The answer as one object: <c>{"valid":true,"spec":{..}}</c> or <c>{"valid":false,"errors":[..]}</c>.</summary>
    internal static JsonObject ToJson(ServicePlanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Spec is { } spec)
        {
            return new JsonObject
            {
                ["valid"] = true,
                ["spec"] = new JsonObject
                {
                    ["ipFamilyPolicy"] = spec.IpFamilyPolicy,
                    ["ipFamilies"] = Strings(spec.IpFamilies),
                    ["clusterIP"] = spec.ClusterIP,
                    ["clusterIPs"] = Strings(spec.ClusterIPs),
                },
            };
        }

        return new JsonObject
        {
            ["valid"] = false,
            ["errors"] = JsonSerializer.SerializeToNode(result.Errors.Select(ErrorJson.From).ToArray(), CommandOutput.Json),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static void WriteTable(CommandOutput output, ServiceSpec service, bool isUpdate, IReadOnlyList<Subnet> cidrs, ServicePlanResult result)
    {
        var name = $"{service.EffectiveNamespace}/{(string.IsNullOrEmpty(service.Name) ? "(unnamed)" : service.Name)}";
        var operation = isUpdate ? "update" : "create";
        var cluster = string.Join(",", cidrs);
        if (result.Spec is { } spec)
        {
            output.WriteLine($"Service {name} ({operation}) on service CIDRs {cluster}: valid");
            var table = new Table().Border(TableBorder.Ascii).AddColumn("field").AddColumn("value");
            table.AddRow(Cell("ipFamilyPolicy"), Cell(spec.IpFamilyPolicy ?? "<none>"));
            table.AddRow(Cell("ipFamilies"), Cell(spec.IpFamilies.Count == 0 ? "<none>" : string.Join(",", spec.IpFamilies)));
            table.AddRow(Cell("clusterIP"), Cell(spec.ClusterIP ?? "<none>"));
            table.AddRow(Cell("clusterIPs"), Cell(spec.ClusterIPs.Count == 0 ? "<none>" : string.Join(",", spec.ClusterIPs)));
            output.Write(table);
        }
        else
        {
            var count = result.Errors.Count == 1 ? "1 problem" : $"{result.Errors.Count} problems";
            output.WriteLine($"Service {name} ({operation}) on service CIDRs {cluster}: invalid, {count}");
            var table = new Table().Border(TableBorder.Ascii).AddColumn("field").AddColumn("rule").AddColumn("problem");
            foreach (var error in result.Errors)
            {
                table.AddRow(Cell(error.Field), Cell(error.Rule), Cell(error.Message));
            }

            output.Write(table);
        }
    }

    private static IRenderable Cell(string text) => new Text(text);
}
