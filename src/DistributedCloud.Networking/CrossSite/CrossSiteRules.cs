using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.CrossSite;

/// <summary>Rules between a system controller and its subclouds (N-34..N-37).</summary>
public static class CrossSiteRules
{
    /// <summary>N-35: the subcloud network the controller talks to, and its primary family.</summary>
    public static ControlEndpoint ControlEndpointOf(SiteNetworks subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var network = subcloud.Network(NetworkType.Admin) ?? subcloud.Network(NetworkType.Mgmt)
            ?? throw new DomainException(new DomainError("N-35", "management_subnet",
                "the subcloud has neither an admin nor a management network, so the controller has nowhere to reach it"));
        var primary = subcloud.Pool(network.PrimaryPoolUuid);
        return new ControlEndpoint(network.Type, network.PrimaryFamily, primary.FloatingAddress);
    }

    /// <summary>
    /// N-34: a subcloud may run another network mode than its controller, but shares the controller's primary family
    /// on OAM, and on management (the subcloud's admin network standing in for management when it has one).
    /// </summary>
    public static void CheckPrimaryFamilies(SiteNetworks controller, SubcloudPlan subcloud, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(errors);

        if (controller.Network(NetworkType.Oam) is { } controllerOam && subcloud.Networks.Network(NetworkType.Oam) is { } oam
            && controllerOam.PrimaryFamily != oam.PrimaryFamily)
        {
            errors.Add("N-34", "external_oam_subnet",
                $"subcloud '{subcloud.Name}' has an {oam.PrimaryFamily.Name()} primary OAM network but the system controller's is {controllerOam.PrimaryFamily.Name()}; list the {controllerOam.PrimaryFamily.Name()} subnet first (the secondary may be {oam.PrimaryFamily.Name()})");
        }

        var controllerMgmt = controller.Network(NetworkType.Mgmt);
        var control = subcloud.Networks.Network(NetworkType.Admin) ?? subcloud.Networks.Network(NetworkType.Mgmt);
        if (controllerMgmt is not null && control is not null && controllerMgmt.PrimaryFamily != control.PrimaryFamily)
        {
            var key = control.Type == NetworkType.Admin ? "admin_subnet" : "management_subnet";
            errors.Add("N-34", key,
                $"subcloud '{subcloud.Name}' has an {control.PrimaryFamily.Name()} primary {control.Name} network but the system controller's management network is {controllerMgmt.PrimaryFamily.Name()}; they must share the primary family");
        }
    }

    /// <summary>N-35: the agent address the controller dials must be of the subcloud's primary family.</summary>
    public static void CheckAgentAddress(IPAddress agentAddress, SubcloudPlan subcloud, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(agentAddress);
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(errors);
        var endpoint = ControlEndpointOf(subcloud.Networks);
        var family = IpFamilyExtensions.FamilyOf(agentAddress);
        if (family != endpoint.Family)
        {
            errors.Add("N-35", "agent_address",
                $"agent address {agentAddress} of subcloud '{subcloud.Name}' is {family.Name()}, but the controller talks to subclouds over their primary family, {endpoint.Family.Name()}; give the subcloud's {endpoint.Family.Name()} {endpoint.Network.Name()} address{(endpoint.Address is null ? string.Empty : $" (such as {endpoint.Address})")}");
        }
    }

    /// <summary>N-36: a dual-stack subcloud needs a release that supports dual-stack.</summary>
    public static void CheckRelease(SubcloudPlan subcloud, SoftwareRelease minimumDualStackRelease, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(errors);
        var dualStack = subcloud.Networks.Networks.Any(n => n.IsDualStack);
        if (!dualStack)
        {
            return;
        }

        if (!SoftwareRelease.TryParse(subcloud.Release, out var release))
        {
            errors.Add("N-36", "release",
                $"subcloud '{subcloud.Name}' is dual-stack, so its release must be known to be {minimumDualStackRelease} or newer; give it with --release (it is '{subcloud.Release ?? "unset"}')");
        }
        else if (release < minimumDualStackRelease)
        {
            errors.Add("N-36", "release",
                $"subcloud '{subcloud.Name}' runs release {release}, which does not support dual-stack (needs {minimumDualStackRelease} or newer); add it single-stack and convert it after an upgrade");
        }
    }

    /// <summary>
    /// N-37: IPv6 subnets of OAM, management and admin are /64 or longer; a management or admin gateway lies outside
    /// the pool's ranges; the management and admin ranges of two subclouds never overlap (subnets may be shared).
    /// </summary>
    public static void CheckSubcloudSubnets(SubcloudPlan subcloud, IEnumerable<SubcloudPlan> others, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(others);
        CheckSubcloudSubnetsAgainst(subcloud, others.Where(o => o.Name != subcloud.Name).Select(SubcloudRanges.Of), errors);
    }

    /// <summary>
    /// <see cref="CheckSubcloudSubnets"/> with the other subclouds given by their ranges only: linear in the others
    /// and cheap per subcloud, for a controller holding thousands (no site networks rebuilt per recorded subcloud).
    /// </summary>
    public static void CheckSubcloudSubnetsAgainst(SubcloudPlan subcloud, IEnumerable<SubcloudRanges> others, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(errors);
        var site = subcloud.Networks;
        foreach (var type in new[] { NetworkType.Oam, NetworkType.Mgmt, NetworkType.Admin })
        {
            if (site.Network(type) is not { } network)
            {
                continue;
            }

            foreach (var pool in site.PoolsOf(network))
            {
                if (pool.Family == IpFamily.IPv6 && pool.Subnet.PrefixLength < 64)
                {
                    errors.Add("N-37", KeyOf(type),
                        $"{network.Name} subnet {pool.Subnet} of subcloud '{subcloud.Name}' is shorter than /64; IPv6 subcloud subnets are /64 or longer");
                }

                if (type != NetworkType.Oam && pool.GatewayAddress is { } gateway && pool.Ranges.Any(r => r.Contains(gateway)))
                {
                    errors.Add("N-37", KeyOf(type).Replace("_subnet", "_gateway_address", StringComparison.Ordinal),
                        $"{network.Name} gateway {gateway} of subcloud '{subcloud.Name}' lies inside the range {string.Join(", ", pool.Ranges)}; give start/end addresses that leave the gateway out");
                }
            }
        }

        var mine = SubcloudRanges.Of(subcloud);
        foreach (var other in others.Where(o => o.Name != subcloud.Name))
        {
            foreach (var type in new[] { NetworkType.Mgmt, NetworkType.Admin })
            {
                var theirs = other.Of(type);
                var clash = mine.Of(type).SelectMany(a => theirs.Where(b => a.Overlaps(b)).Select(b => (a, b))).FirstOrDefault();
                if (clash != default)
                {
                    errors.Add("N-37", KeyOf(type).Replace("_subnet", "_start_address", StringComparison.Ordinal),
                        $"{type.Name()} range {clash.a} of subcloud '{subcloud.Name}' overlaps range {clash.b} of subcloud '{other.Name}'; subclouds may share a subnet but not addresses",
                        ErrorKind.Conflict);
                }
            }
        }
    }

    private static string KeyOf(NetworkType type) => type switch
    {
        NetworkType.Oam => "external_oam_subnet",
        NetworkType.Mgmt => "management_subnet",
        _ => "admin_subnet",
    };
}
