using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Site.Changes;

/// <summary>
/// One step of an idempotent network change (<see cref="SiteManager.ApplyNetworkChangeAsync"/>): the platform commands
/// addrpool-add/modify/delete and network-addrpool-assign/remove, applied in order, all or nothing.
/// </summary>
public abstract record NetworkChangeStep
{
    private protected NetworkChangeStep()
    {
    }

    /// <summary>The platform command the step stands for ("addrpool-add", ...).</summary>
    public abstract string Command { get; }

    /// <summary>
    /// SHA-256 (hex) of the steps in a canonical form: the same steps give the same digest in any process, so a
    /// repeated operation id can be told apart from a reused one.
    /// </summary>
    public static string Digest(IReadOnlyList<NetworkChangeStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var canonical = JsonSerializer.Serialize(steps.Select(s => new object[] { s.Command, s }).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>addrpool-add.</summary>
    public sealed record AddPool(AddressPoolSpec Spec) : NetworkChangeStep
    {
        public override string Command => "addrpool-add";
    }

    /// <summary>addrpool-modify of the pool named (or with the uuid) <paramref name="Pool"/>.</summary>
    public sealed record ModifyPool(string Pool, AddressPoolChanges Changes) : NetworkChangeStep
    {
        public override string Command => "addrpool-modify";
    }

    /// <summary>addrpool-delete.</summary>
    public sealed record DeletePool(string Pool) : NetworkChangeStep
    {
        public override string Command => "addrpool-delete";
    }

    /// <summary>network-addrpool-assign.</summary>
    public sealed record AssignPool(string Network, string Pool) : NetworkChangeStep
    {
        public override string Command => "network-addrpool-assign";
    }

    /// <summary>network-addrpool-remove of the assignment with this uuid.</summary>
    public sealed record RemoveAssignment(string AssignmentUuid) : NetworkChangeStep
    {
        public override string Command => "network-addrpool-remove";
    }
}
