using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Agent.V1;
using static DistributedCloud.Cli.Platform.PlatformText;

namespace DistributedCloud.Cli.Platform;

/// <summary>The tables of the platform commands, with the reference platform's columns.</summary>
public static class PlatformTables
{
    public static BoxTable Networks(IEnumerable<Network> networks)
    {
        var table = new BoxTable("id", "uuid", "name", "type", "dynamic", "pool_uuid", "primary_pool_family");
        foreach (var n in networks)
        {
            table.Add(Number(n.Id), n.Uuid, n.Name, n.Type, Bool(n.Dynamic), Optional(n.PoolUuid), Family(n.PrimaryPoolFamily));
        }

        return table;
    }

    public static BoxTable NetworkPools(IEnumerable<NetworkAddressPool> rows)
    {
        var table = new BoxTable("uuid", "network_name", "addrpool_name");
        foreach (var row in rows)
        {
            table.Add(row.Uuid, row.NetworkName, row.AddrpoolName);
        }

        return table;
    }

    public static BoxTable NetworkPool(NetworkAddressPool row) =>
        BoxTable.Properties([
            ("uuid", row.Uuid), ("network_uuid", row.NetworkUuid), ("network_name", row.NetworkName),
            ("address_pool_uuid", row.AddrpoolUuid), ("address_pool_name", row.AddrpoolName), ("primary", Bool(row.Primary)),
        ]);

    public static BoxTable Pools(IEnumerable<AddressPool> pools)
    {
        var table = new BoxTable("uuid", "name", "network", "prefix", "order", "ranges", "floating_address",
            "controller0_address", "controller1_address", "gateway_address");
        foreach (var p in pools)
        {
            table.Add(p.Uuid, p.Name, p.Network, Number(p.Prefix), Order(p.Order), Ranges(p.Ranges), Optional(p.FloatingAddress),
                Optional(p.Controller0Address), Optional(p.Controller1Address), Optional(p.GatewayAddress));
        }

        return table;
    }

    public static BoxTable Pool(AddressPool p) =>
        BoxTable.Properties([
            ("uuid", p.Uuid), ("name", p.Name), ("network", p.Network), ("prefix", Number(p.Prefix)), ("family", Family(p.Family)),
            ("order", Order(p.Order)), ("ranges", Ranges(p.Ranges)), ("floating_address", Optional(p.FloatingAddress)),
            ("controller0_address", Optional(p.Controller0Address)), ("controller1_address", Optional(p.Controller1Address)),
            ("gateway_address", Optional(p.GatewayAddress)),
        ]);

    public static BoxTable Hosts(IEnumerable<Host> hosts)
    {
        var table = new BoxTable("id", "hostname", "personality", "administrative", "operational", "availability");
        foreach (var h in hosts)
        {
            table.Add(Number(h.Id), h.Hostname, Personality(h.Personality), Administrative(h.Administrative),
                Operational(h.Operational), Availability(h.Availability));
        }

        return table;
    }

    public static BoxTable Host(Host h) =>
        BoxTable.Properties([
            ("id", Number(h.Id)), ("uuid", h.Uuid), ("hostname", h.Hostname), ("personality", Personality(h.Personality)),
            ("administrative", Administrative(h.Administrative)), ("operational", Operational(h.Operational)),
            ("availability", Availability(h.Availability)), ("task", Optional(h.Task)), ("capabilities", Role(h.Role)),
            ("config_status", h.ConfigOutOfDate ? "Config out-of-date" : null),
            ("config_target", Optional(h.ConfigTarget)), ("config_applied", Optional(h.ConfigApplied)),
        ]);

    public static BoxTable Alarms(IEnumerable<Alarm> alarms)
    {
        var table = new BoxTable("UUID", "Alarm ID", "Reason Text", "Entity ID", "Severity", "Time Stamp");
        foreach (var a in alarms)
        {
            table.Add(a.Uuid, a.AlarmId, a.ReasonText, a.EntityInstanceId, Severity(a.Severity), Timestamp(a.RaisedAt));
        }

        return table;
    }
}
