using DistributedCloud.Contracts.Agent.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>One site's data, served alike by the stand-in agent and the stand-in controller.</summary>
public static class SampleSite
{
    public static IReadOnlyList<Network> Networks() =>
    [
        new Network { Id = 1, Uuid = "net-oam", Name = "oam", Type = "oam", PoolUuid = "pool-oam-ipv6", PrimaryPoolFamily = AddressFamily.Ipv6 },
        new Network { Id = 2, Uuid = "net-mgmt", Name = "mgmt", Type = "mgmt", Dynamic = true, PoolUuid = "pool-mgmt-ipv6", PrimaryPoolFamily = AddressFamily.Ipv6 },
    ];

    public static IReadOnlyList<AddressPool> Pools()
    {
        var oam = new AddressPool
        {
            Uuid = "pool-oam-ipv6", Name = "oam-ipv6", Network = "2001:db8:1::", Prefix = 64, Family = AddressFamily.Ipv6,
            Order = AllocationOrder.Random, FloatingAddress = "2001:db8:1::2",
        };
        oam.Ranges.Add(new AddressRange { Start = "2001:db8:1::1", End = "2001:db8:1::ff" });
        var oam4 = new AddressPool { Uuid = "pool-oam-ipv4", Name = "oam-ipv4", Network = "198.18.4.0", Prefix = 24, Family = AddressFamily.Ipv4 };
        oam4.Ranges.Add(new AddressRange { Start = "198.18.4.1", End = "198.18.4.253" });
        return [oam, oam4];
    }

    public static IReadOnlyList<NetworkAddressPool> NetworkPools() =>
    [
        new NetworkAddressPool { Uuid = "np-1", NetworkName = "oam", AddrpoolName = "oam-ipv6", Primary = true },
        new NetworkAddressPool { Uuid = "np-2", NetworkName = "oam", AddrpoolName = "oam-ipv4" },
    ];

    public static IReadOnlyList<Host> Hosts() =>
    [
        new Host
        {
            Id = 1, Uuid = "host-0", Hostname = "controller-0", Personality = Personality.Controller, Administrative = AdministrativeState.Unlocked,
            Operational = OperationalState.Enabled, Availability = Availability.Available, Role = ControllerRole.Active,
        },
        new Host
        {
            Id = 2, Uuid = "host-1", Hostname = "controller-1", Personality = Personality.Controller, Administrative = AdministrativeState.Unlocked,
            Operational = OperationalState.Enabled, Availability = Availability.Available, Role = ControllerRole.Standby, ConfigOutOfDate = true,
        },
    ];

    public static IReadOnlyList<Alarm> Alarms() =>
    [
        new Alarm
        {
            Uuid = "alarm-1", AlarmId = "250.001", ReasonText = "controller-1 Configuration is out-of-date.", EntityInstanceId = "host=controller-1",
            Severity = AlarmSeverity.Major, RaisedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        },
    ];
}
