using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Networks;
using Spectre.Console;

namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary><c>dcctl bootstrap validate FILE</c>: exit 0 when valid, 1 with every problem listed when not.</summary>
public sealed class BootstrapValidateCommand : Command
{
    private readonly Argument<string> _file = new("FILE") { Description = "The site's bootstrap file (YAML)." };

    public BootstrapValidateCommand()
        : base("validate", "Check a bootstrap file against every network rule and show the site it describes.")
    {
        Arguments.Add(_file);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = new CommandOutput(parseResult);
        var result = BootstrapPlanner.Plan(InputFiles.ReadText(parseResult.GetValue(_file)!, "bootstrap file"));
        if (!result.IsValid)
        {
            if (output.IsJson)
            {
                output.WriteJson(new InvalidPlanJson(false, result.Errors.Select(ErrorJson.From).ToArray(), result.Warnings));
            }
            else
            {
                output.Message($"The bootstrap file has {result.Errors.Count} problem(s):");
                output.WriteErrors(result.Errors);
                WriteWarnings(output, result.Warnings);
            }

            return ExitCodes.Refused;
        }

        var plan = result.Plan!;
        if (output.IsJson)
        {
            output.WriteJson(SitePlanJson.From(plan));
            return ExitCodes.Success;
        }

        WriteSummary(output, plan);
        WriteWarnings(output, result.Warnings);
        return ExitCodes.Success;
    }

    internal static void WriteSummary(CommandOutput output, BootstrapPlan plan)
    {
        var site = plan.Networks;
        output.WriteLine($"valid: {plan.Mode.ToString().ToLowerInvariant()} site, {site.NetworkMode}, primary family {plan.PrimaryFamily}, Kubernetes {(plan.KubernetesDualStack ? "dual-stack" : "single-stack")}");
        var networks = new Table().Border(TableBorder.Ascii)
            .AddColumns("id", "name", "primary_pool_family", "pools", "subnets", "ranges");
        foreach (var network in site.Networks)
        {
            var pools = site.PoolsOf(network);
            networks.AddRow(
                network.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                network.Name,
                network.PrimaryFamily.ToString(),
                Markup.Escape(string.Join("\n", pools.Select(p => p.Name))),
                Markup.Escape(string.Join("\n", pools.Select(p => p.Subnet.ToString()))),
                Markup.Escape(string.Join("\n", pools.Select(p => string.Join(",", p.Ranges)))));
        }

        output.Write(networks);
        var hosts = new Table().Border(TableBorder.Ascii).AddColumns("host", "role", "oam", "mgmt", "cluster-host");
        foreach (var host in plan.Hosts)
        {
            string Of(NetworkType type) => Markup.Escape(string.Join("\n", host.On(type)?.Addresses.Select(a => a.ToString()) ?? []));
            hosts.AddRow(host.Host.Name, host.Host.Role.ToString().ToLowerInvariant(), Of(NetworkType.Oam), Of(NetworkType.Mgmt), Of(NetworkType.ClusterHost));
        }

        output.Write(hosts);
        foreach (var value in plan.Defaults)
        {
            output.WriteLine($"default: {value}");
        }
    }

    private static void WriteWarnings(CommandOutput output, IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            output.Message($"warning: {warning}");
        }
    }
}
