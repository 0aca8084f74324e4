using System.Net;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>
/// The IP addresses an agent's certificate names (S-3): the address the controller dials (its primary admin-or-mgmt
/// address, N-35) and, once that network is dual-stack, the address of the same role (floating, controller-0,
/// controller-1) in its secondary pool. A network-mode change or re-addressing changes them, and the certificate is
/// reissued (the renewal path).
/// </summary>
public static class AgentAddresses
{
    public static IReadOnlyList<IPAddress> Of(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var agent = subcloud.Agent.Address;
        var addresses = new List<IPAddress> { agent };
        foreach (var network in new[] { NetworkType.Admin, NetworkType.Mgmt })
        {
            var pools = subcloud.PoolsOf(network);
            var primary = pools.FirstOrDefault(p => p.IsPrimary);
            if (primary is null)
            {
                continue;
            }

            var role = RoleOf(primary, agent);
            if (role is null)
            {
                continue;
            }

            foreach (var secondary in pools.Where(p => !p.IsPrimary))
            {
                if (Address(secondary, role.Value) is { } other && !addresses.Contains(other))
                {
                    addresses.Add(other);
                }
            }

            break;
        }

        return addresses;
    }

    /// <summary>The addresses as stored: comma-separated, in order.</summary>
    public static string ToText(IEnumerable<IPAddress> addresses) => string.Join(',', addresses.Select(a => a.ToString()));

    public static IReadOnlyList<IPAddress> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToArray();

    private static int? RoleOf(SubcloudPool pool, IPAddress address) =>
        Same(pool.FloatingAddress, address) ? 0 : Same(pool.Controller0Address, address) ? 1 : Same(pool.Controller1Address, address) ? 2 : null;

    private static IPAddress? Address(SubcloudPool pool, int role)
    {
        var text = role switch
        {
            0 => pool.FloatingAddress,
            1 => pool.Controller0Address,
            _ => pool.Controller1Address,
        };
        return IPAddress.TryParse(text, out var address) ? address : null;
    }

    private static bool Same(string? text, IPAddress address) => IPAddress.TryParse(text, out var parsed) && parsed.Equals(address);
}
