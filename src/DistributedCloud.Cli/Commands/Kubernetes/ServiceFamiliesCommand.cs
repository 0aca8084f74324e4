using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DistributedCloud.Cli.Output;
using DistributedCloud.Networking.Addressing;
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
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        IReadOnlyList<Subnet> cidrs;
        ServiceSpec service;
        ServiceSpec? before;
        try
        {
            cidrs = ParseCidrs(parseResult.GetValue(_serviceCidrs));
            service = await ReadManifestAsync(parseResult.GetValue(_service), "SERVICE", cancellationToken);
            var beforePath = parseResult.GetValue(_before);
            before = beforePath is null ? null : await ReadManifestAsync(beforePath, "--before", cancellationToken);
        }
        catch (UsageException ex)
        {
            // Reported here rather than left to the runner, so nothing but the message is written.
            await stderr.WriteLineAsync($"dcctl: {ex.Message}");
            return ExitCodes.Usage;
        }

        var result = ServiceFamilyPlanner.Plan(service, before, cidrs);
        switch (GlobalOptions.GetOutput(parseResult))
        {
            case OutputFormat.Json:
                await stdout.WriteLineAsync(ToJson(result));
                break;
            case OutputFormat.Yaml:
                await stdout.WriteAsync(ToYaml(result));
                break;
            default:
                WriteTable(stdout, service, before is not null, cidrs, result);
                break;
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Refused;
    }

    /// <summary>Parses <c>CIDR[,CIDR]</c>; the list rules (count, families) are the planner's, reported as errors.</summary>
    internal static IReadOnlyList<Subnet> ParseCidrs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--service-cidrs is empty; give the cluster's service CIDR(s), e.g. --service-cidrs 10.96.0.0/12,fd04::/112");
        }

        var cidrs = new List<Subnet>();
        foreach (var part in text.Split(','))
        {
            var entry = part.Trim();
            if (!Subnet.TryParse(entry, out var subnet, out var problem))
            {
                throw new UsageException($"--service-cidrs: '{entry}' is not a CIDR ({problem}); write address/prefix, e.g. 10.96.0.0/12");
            }

            cidrs.Add(subnet);
        }

        return cidrs;
    }

    private static async Task<ServiceSpec> ReadManifestAsync(string? path, string what, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new UsageException($"{what}: no file given");
        }

        string text;
        try
        {
            text = path == "-"
                ? await Console.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{what}: cannot read '{path}': {ex.Message}");
        }

        var read = ServiceManifestReader.Read(text);
        return read.Service ?? throw new UsageException($"{what}: '{path}': {read.Problem}");
    }

    internal static string ToJson(ServicePlanResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", result.IsValid);
            if (result.Spec is { } spec)
            {
                json.WriteStartObject("spec");
                WriteNullable(json, "ipFamilyPolicy", spec.IpFamilyPolicy);
                WriteList(json, "ipFamilies", spec.IpFamilies);
                WriteNullable(json, "clusterIP", spec.ClusterIP);
                WriteList(json, "clusterIPs", spec.ClusterIPs);
                json.WriteEndObject();
            }
            else
            {
                json.WriteStartArray("errors");
                foreach (var error in result.Errors)
                {
                    json.WriteStartObject();
                    json.WriteString("field", error.Field);
                    json.WriteString("message", error.Message);
                    json.WriteString("rule", error.Rule);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The same object as the JSON output, in YAML (JSON strings are valid YAML scalars).</summary>
    internal static string ToYaml(ServicePlanResult result)
    {
        static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);
        var yaml = new StringBuilder();
        yaml.Append("valid: ").Append(result.IsValid ? "true" : "false").Append('\n');
        if (result.Spec is { } spec)
        {
            yaml.Append("spec:\n");
            yaml.Append("  ipFamilyPolicy: ").Append(Quote(spec.IpFamilyPolicy)).Append('\n');
            yaml.Append("  ipFamilies: [").Append(string.Join(", ", spec.IpFamilies.Select(Quote))).Append("]\n");
            yaml.Append("  clusterIP: ").Append(Quote(spec.ClusterIP)).Append('\n');
            yaml.Append("  clusterIPs: [").Append(string.Join(", ", spec.ClusterIPs.Select(Quote))).Append("]\n");
        }
        else
        {
            yaml.Append("errors:\n");
            foreach (var error in result.Errors)
            {
                yaml.Append("- field: ").Append(Quote(error.Field)).Append('\n');
                yaml.Append("  message: ").Append(Quote(error.Message)).Append('\n');
                yaml.Append("  rule: ").Append(Quote(error.Rule)).Append('\n');
            }
        }

        return yaml.ToString();
    }

    private static void WriteTable(TextWriter stdout, ServiceSpec service, bool isUpdate, IReadOnlyList<Subnet> cidrs, ServicePlanResult result)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        var name = $"{service.EffectiveNamespace}/{(string.IsNullOrEmpty(service.Name) ? "(unnamed)" : service.Name)}";
        var operation = isUpdate ? "update" : "create";
        var cluster = string.Join(",", cidrs);
        if (result.Spec is { } spec)
        {
            console.WriteLine($"Service {name} ({operation}) on service CIDRs {cluster}: valid");
            var table = new Table().Border(TableBorder.Ascii).AddColumn("field").AddColumn("value");
            table.AddRow(Cell("ipFamilyPolicy"), Cell(spec.IpFamilyPolicy ?? "<none>"));
            table.AddRow(Cell("ipFamilies"), Cell(spec.IpFamilies.Count == 0 ? "<none>" : string.Join(",", spec.IpFamilies)));
            table.AddRow(Cell("clusterIP"), Cell(spec.ClusterIP ?? "<none>"));
            table.AddRow(Cell("clusterIPs"), Cell(spec.ClusterIPs.Count == 0 ? "<none>" : string.Join(",", spec.ClusterIPs)));
            console.Write(table);
        }
        else
        {
            var count = result.Errors.Count == 1 ? "1 problem" : $"{result.Errors.Count} problems";
            console.WriteLine($"Service {name} ({operation}) on service CIDRs {cluster}: invalid, {count}");
            var table = new Table().Border(TableBorder.Ascii).AddColumn("field").AddColumn("rule").AddColumn("problem");
            foreach (var error in result.Errors)
            {
                table.AddRow(Cell(error.Field), Cell(error.Rule), Cell(error.Message));
            }

            console.Write(table);
        }
    }

    private static IRenderable Cell(string text) => new Text(text);
}
