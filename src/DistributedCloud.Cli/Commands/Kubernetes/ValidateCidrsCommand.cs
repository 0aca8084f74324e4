using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Cidrs;
using Spectre.Console;

namespace DistributedCloud.Cli.Commands.Kubernetes;

/// <summary>
/// <c>dcctl k8s validate-cidrs</c>: checks a cluster's CIDR settings against K-6..K-14 and prints the derived
/// values (exit 0) or every problem at once (exit 1). The JSON keys are a contract (docs/kubernetes-cidrs.md).
/// </summary>
public sealed class ValidateCidrsCommand : Command
{
    private readonly Option<string?> _serviceCidrs = new(KubernetesCidrFields.ServiceCidrs)
    {
        Description = "Service CIDRs, primary first: one CIDR or an IPv4/IPv6 pair (kube-apiserver --service-cluster-ip-range).",
    };

    private readonly Option<string?> _podCidrs = new(KubernetesCidrFields.PodCidrs)
    {
        Description = "Pod CIDRs, primary first: one CIDR or an IPv4/IPv6 pair (kube-controller-manager --cluster-cidr).",
    };

    private readonly Option<int?> _nodeMaskV4 = MaskOption(KubernetesCidrFields.NodeMaskV4, "IPv4 node mask (--node-cidr-mask-size-ipv4, default 24; 0 means the default).");

    private readonly Option<int?> _nodeMaskV6 = MaskOption(KubernetesCidrFields.NodeMaskV6, "IPv6 node mask (--node-cidr-mask-size-ipv6, default 64; 0 means the default).");

    private readonly Option<int?> _nodeMask = MaskOption(KubernetesCidrFields.NodeMask, "Family-less legacy node mask (--node-cidr-mask-size); single-stack only; 0 means unset.");

    private readonly Option<string?> _nodeIps = new(KubernetesCidrFields.NodeIps)
    {
        Description = "kubelet --node-ip: one address or a dual-stack pair, primary first.",
    };

    private readonly Option<string?> _cloudProvider = new(KubernetesCidrFields.CloudProvider)
    {
        Description = "kubelet --cloud-provider: none (default), external, or a provider name.",
    };

    public ValidateCidrsCommand()
        : base("validate-cidrs", "Check Kubernetes service/pod CIDRs, node masks and node IPs (K-6..K-14) and show the derived flags.")
    {
        Options.Add(_serviceCidrs);
        Options.Add(_podCidrs);
        Options.Add(_nodeMaskV4);
        Options.Add(_nodeMaskV6);
        Options.Add(_nodeMask);
        Options.Add(_nodeIps);
        Options.Add(_cloudProvider);
        SetAction(RunAsync);
    }

    /// <summary>
    /// A node-mask option with our own message for a value that is not a whole number (instead of the parser's
    /// type name). 0 is accepted: kube-controller-manager reads it as "not set".
    /// </summary>
    private static Option<int?> MaskOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mask))
            {
                return mask;
            }

            result.AddError($"{name} '{text}' is not a node mask length: give a whole number of prefix bits, e.g. {name} 24 (0, or leaving {name} out, means the default)");
            return null;
        },
    };

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new KubernetesCidrSettings(
            parse.GetValue(_serviceCidrs),
            parse.GetValue(_podCidrs),
            parse.GetValue(_nodeMaskV4),
            parse.GetValue(_nodeMaskV6),
            parse.GetValue(_nodeMask),
            parse.GetValue(_nodeIps),
            parse.GetValue(_cloudProvider));
        var result = KubernetesCidrValidator.Validate(settings);
        var output = parse.InvocationConfiguration.Output;
        var format = GlobalOptions.GetOutput(parse);

        if (format == OutputFormat.Table)
        {
            WriteTable(StructuredOutput.PlainConsole(output), result);
        }
        else
        {
            await StructuredOutput.WriteAsync(output, format, result.Plan is { } plan ? ToJson(plan) : ToJson(result.Errors));
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static JsonObject ToJson(IReadOnlyList<DomainError> errors) => new()
    {
        ["valid"] = false,
        ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["field"] = e.Field,
            ["message"] = e.Message,
            ["rule"] = e.Rule,
        }).ToArray()),
    };

    private static JsonObject ToJson(KubernetesCidrPlan plan) => new()
    {
        ["valid"] = true,
        ["dualStack"] = plan.DualStack,
        ["primaryFamily"] = plan.PrimaryFamily?.Name(),
        ["families"] = Strings(plan.Families.Select(f => f.Name())),
        ["serviceCidrs"] = Strings(plan.ServiceCidrs.Select(s => s.ToString())),
        ["podCidrs"] = Strings(plan.PodCidrs.Select(s => s.ToString())),
        ["nodeIps"] = Strings(plan.NodeIps.Select(a => a.ToString())),
        ["nodeMaskV4"] = plan.NodeMask(IpFamily.IPv4),
        ["nodeMaskV6"] = plan.NodeMask(IpFamily.IPv6),
        ["legacyNodeMask"] = plan.LegacyNodeMask,
        ["nodeCapacityV4"] = Number(plan.NodeCapacity(IpFamily.IPv4)),
        ["nodeCapacityV6"] = Number(plan.NodeCapacity(IpFamily.IPv6)),
        ["podIpFamilies"] = Strings(plan.PodIpFamilies.Select(f => f.Name())),
        ["flags"] = new JsonObject
        {
            ["kubeApiserver"] = Flags(plan, ComponentFlag.KubeApiserver),
            ["kubeControllerManager"] = Flags(plan, ComponentFlag.KubeControllerManager),
            ["kubeProxy"] = Flags(plan, ComponentFlag.KubeProxy),
            ["kubelet"] = Flags(plan, ComponentFlag.Kubelet),
        },
        ["warnings"] = Strings(plan.Warnings),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Flags(KubernetesCidrPlan plan, string component)
    {
        var flags = new JsonObject();
        foreach (var flag in plan.FlagsOf(component))
        {
            flags[flag.Name] = flag.Value;
        }

        return flags;
    }

    /// <summary>Capacities are exact: a JSON number while it fits 64 bits, its decimal text beyond.</summary>
    private static JsonNode? Number(BigInteger? value) => value switch
    {
        null => null,
        { } v when v <= ulong.MaxValue => JsonValue.Create((ulong)v),
        { } v => JsonValue.Create(v.ToString(CultureInfo.InvariantCulture)),
    };

    private static void WriteTable(IAnsiConsole console, KubernetesCidrValidation result)
    {
        if (result.Plan is not { } plan)
        {
            var errors = new Table().Border(TableBorder.Ascii).Title("invalid: Kubernetes CIDR settings").AddColumns("field", "rule", "problem");
            foreach (var error in result.Errors)
            {
                errors.AddRow(Markup.Escape(error.Field), Markup.Escape(error.Rule), Markup.Escape(error.Message));
            }

            console.Write(errors);
            return;
        }

        var table = new Table().Border(TableBorder.Ascii).Title("valid: Kubernetes CIDR settings").AddColumns("value", "derived");
        void Row(string name, string? value) => table.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
        Row("dual-stack", plan.DualStack ? "yes" : "no");
        Row("primary family", plan.PrimaryFamily?.Name());
        Row("service CIDRs", Join(plan.ServiceCidrs));
        Row("pod CIDRs", Join(plan.PodCidrs));
        Row("node IPs", Join(plan.NodeIps));
        foreach (var node in plan.NodeCidrs)
        {
            Row($"{node.Family.Name()} node mask", $"/{node.NodeMask} ({node.NodeCapacity.ToString(CultureInfo.InvariantCulture)} nodes in {node.PodCidr})");
        }

        Row("pod IP order", string.Join(", ", plan.PodIpFamilies.Select(f => f.Name())));
        foreach (var flag in plan.Flags)
        {
            Row(flag.Component, flag.Name.StartsWith('-') ? $"{flag.Name}={flag.Value}" : $"{flag.Name}: {flag.Value}");
        }

        foreach (var warning in plan.Warnings)
        {
            Row("warning", warning);
        }

        console.Write(table);
    }

    private static string? Join<T>(IEnumerable<T> values)
    {
        var text = string.Join(",", values);
        return text.Length == 0 ? null : text;
    }
}
