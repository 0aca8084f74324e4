using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Views;

/// <summary>A host as host-list/show print it, with its addresses per network; immutable.</summary>
public sealed record HostView(
    int Id,
    Guid Uuid,
    string Hostname,
    HostRole Personality,
    AdministrativeState Administrative,
    OperationalState Operational,
    Availability Availability,
    string? Task,
    ControllerRole Role,
    string? ConfigTarget,
    string? ConfigApplied,
    bool RebootRequired,
    bool ConfigOutOfDate,
    string? LastFailure,
    IReadOnlyList<HostNetworkAddresses> Addresses);
