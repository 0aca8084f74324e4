using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Networking.Networks;

/// <summary>
/// A platform network of a site: its first pool is its primary and fixes its primary family (N-13); it holds at
/// most one more pool, of the other family (N-14).
/// </summary>
public sealed class PlatformNetwork
{
    private readonly List<NetworkPoolAssignment> _assignments = [];

    internal PlatformNetwork(int id, Guid uuid, NetworkType type, Guid primaryPool, IpFamily primaryFamily, Guid primaryAssignment)
    {
        Id = id;
        Uuid = uuid;
        Type = type;
        Name = type.Name();
        PrimaryFamily = primaryFamily;
        _assignments.Add(new NetworkPoolAssignment(primaryAssignment, primaryPool, IsPrimary: true));
    }

    public int Id { get; }

    public Guid Uuid { get; }

    public string Name { get; }

    public NetworkType Type { get; }

    public bool Dynamic => Type.IsDynamic();

    public IpFamily PrimaryFamily { get; }

    public Guid PrimaryPoolUuid => _assignments[0].PoolUuid;

    /// <summary>Primary first.</summary>
    public IReadOnlyList<NetworkPoolAssignment> Assignments => _assignments;

    public NetworkPoolAssignment? Secondary => _assignments.Count > 1 ? _assignments[1] : null;

    public bool IsDualStack => _assignments.Count == 2;

    internal void AddSecondary(NetworkPoolAssignment assignment) => _assignments.Add(assignment);

    internal void RemoveSecondary() => _assignments.RemoveAt(1);
}
