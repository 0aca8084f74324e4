using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>How many subclouds share one combination of states (a row of <see cref="SubcloudRegistry.CountAsync"/>).</summary>
public sealed record SubcloudStateCount(
    SubcloudAvailability Availability,
    ManagementState Management,
    SyncStatus Sync,
    bool DualStack,
    IpFamily PrimaryFamily,
    int Count);

/// <summary>
/// The fleet in numbers for the controller's gauges: subclouds per combination of availability, management, overall
/// sync and network mode, and the alarms by severity; each read with one grouped query, whatever the fleet's size.
/// </summary>
public sealed record FleetCounts(IReadOnlyList<SubcloudStateCount> Subclouds, IReadOnlyDictionary<string, int> AlarmsBySeverity)
{
    /// <summary>The alarm severities (H-13), each reported even at zero.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["critical", "major", "minor", "warning"];

    public int Total => Subclouds.Sum(s => s.Count);

    public int Count(Func<SubcloudStateCount, bool> which) => Subclouds.Where(which).Sum(s => s.Count);

    public int Alarms(string severity) => AlarmsBySeverity.GetValueOrDefault(severity);
}
