using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using static DistributedCloud.Cli.Controller.ControllerText;
using static DistributedCloud.Cli.Platform.PlatformText;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>The tables of the subcloud and subcloud-group commands; JSON keys are these column names (cli.md).</summary>
public static class SubcloudTables
{
    public static BoxTable Subclouds(IEnumerable<Subcloud> subclouds)
    {
        ArgumentNullException.ThrowIfNull(subclouds);
        var table = new BoxTable("name", "region", "management", "availability", "deploy status", "sync", "primary family", "network mode");
        foreach (var s in subclouds)
        {
            table.Add(s.Name, s.Region, Management(s.Management), Availability(s.Availability), Optional(s.DeployStatus), Sync(s.Sync),
                Family(s.PrimaryFamily), NetworkMode(s.NetworkMode, s.PrimaryFamily));
        }

        return table;
    }

    public static BoxTable Subcloud(Subcloud s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var properties = new List<(string, string?)>
        {
            ("name", s.Name), ("region", s.Region), ("description", Optional(s.Description)), ("location", Optional(s.Location)),
            ("software version", Optional(s.Release)), ("system mode", SystemMode(s.SystemMode)), ("group", Optional(s.Group)),
            ("management", Management(s.Management)), ("availability", Availability(s.Availability)),
            ("deploy status", Optional(s.DeployStatus)), ("sync", Sync(s.Sync)), ("primary family", Family(s.PrimaryFamily)),
            ("network mode", NetworkMode(s.NetworkMode, s.PrimaryFamily)),
            ("agent address", Optional(s.AgentAddress)), ("agent port", s.AgentPort == 0 ? null : Number(s.AgentPort)),
            ("certificate", Optional(s.CertificateState)), ("certificate expires", Timestamp(s.CertificateExpires)),
        };
        properties.AddRange(s.Subnets.Select(n => ($"{n.Network} subnets", (string?)string.Join(",", new[] { n.Primary, n.Secondary }.Where(c => c.Length > 0)))));
        properties.AddRange(s.EndpointSync.Select(e => ($"{e.Endpoint} sync", (string?)Sync(e.Status))));
        properties.Add(("last audit", Timestamp(s.LastAudit)));
        properties.Add(("error", Optional(s.ErrorDescription)));
        return BoxTable.Properties(properties);
    }

    /// <summary>
    /// S-2: what the agent is started with, after the subcloud's table of <c>subcloud add</c> and <c>subcloud enroll</c>.
    /// The token is shown this once.
    /// </summary>
    public static BoxTable Enrollment(Enrollment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return BoxTable.Properties([
            ("join token", e.JoinToken), ("join token expires", Timestamp(e.ExpiresAt)), ("ca fingerprint", e.CaFingerprint),
            ("agent settings", AgentSettings(e)),
        ]);
    }

    /// <summary>The agent's flags: <c>--listen URL --join-token TOKEN --ca-fingerprint FP</c>.</summary>
    public static string AgentSettings(Enrollment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string[] order = ["listen", "join-token", "ca-fingerprint"];
        return string.Join(' ', e.AgentSettings.OrderBy(p => Array.IndexOf(order, p.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"--{p.Key} {p.Value}"));
    }

    public static BoxTable Groups(IEnumerable<SubcloudGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var table = new BoxTable("id", "name", "description", "update apply type", "max parallel subclouds");
        foreach (var g in groups)
        {
            table.Add(Number(g.Id), g.Name, Optional(g.Description), ApplyType(g.UpdateApplyType), Number(g.MaxParallelSubclouds));
        }

        return table;
    }

    public static BoxTable Group(SubcloudGroup g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return BoxTable.Properties([
            ("id", Number(g.Id)), ("name", g.Name), ("description", Optional(g.Description)),
            ("update apply type", ApplyType(g.UpdateApplyType)), ("max parallel subclouds", Number(g.MaxParallelSubclouds)),
            ("subclouds", g.Subclouds.Count == 0 ? null : string.Join(",", g.Subclouds)),
        ]);
    }
}
