using System.Globalization;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Events;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Views;
using Google.Protobuf.WellKnownTypes;
using V1 = DistributedCloud.Contracts.Agent.V1;
using SiteAlarms = DistributedCloud.Site.Alarms;
using SiteHosts = DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Hosting.Service;

/// <summary>The one place where the site's views and the agent's protobuf messages meet, both ways.</summary>
public static class AgentMapper
{
    // ------------------------------------------------------------------------------------------------------------
    // Requests -> site

    public static AddressPoolSpec ToSpec(V1.AddAddressPoolRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AddressPoolSpec(
            request.Name,
            request.Network,
            request.Prefix.ToString(CultureInfo.InvariantCulture),
            OrderName(request.Order),
            Ranges(request.Ranges),
            Optional(request.FloatingAddress),
            Optional(request.Controller0Address),
            Optional(request.Controller1Address),
            Optional(request.GatewayAddress));
    }

    /// <summary>The mask's fields become changes; an address field named with an empty value clears it (AIP-134).</summary>
    public static AddressPoolChanges ToChanges(V1.ModifyAddressPoolRequest request, string field = "update_mask")
    {
        ArgumentNullException.ThrowIfNull(request);
        var paths = request.UpdateMask?.Paths ?? [];
        var errors = new ErrorCollector();
        if (paths.Count == 0)
        {
            errors.Add("N-6", field, "update_mask names no field; list the fields to change, e.g. [\"ranges\", \"gateway_address\"]");
        }

        var changes = new AddressPoolChanges();
        foreach (var path in paths)
        {
            switch (path)
            {
                case "name": changes = changes with { Name = request.Name }; break;
                case "network": changes = changes with { Network = request.Network }; break;
                case "prefix": changes = changes with { Prefix = request.Prefix.ToString(CultureInfo.InvariantCulture) }; break;
                case "order": changes = changes with { Order = OrderName(request.Order) ?? "random" }; break;
                case "ranges": changes = changes with { Ranges = string.Join(',', request.Ranges.Select(r => $"{r.Start}-{r.End}")) }; break;
                case "floating_address": changes = changes with { FloatingAddress = request.FloatingAddress }; break;
                case "controller0_address": changes = changes with { Controller0Address = request.Controller0Address }; break;
                case "controller1_address": changes = changes with { Controller1Address = request.Controller1Address }; break;
                case "gateway_address": changes = changes with { GatewayAddress = request.GatewayAddress }; break;
                default:
                    errors.Add("N-6", field,
                        $"'{path}' is not a field of an address pool; use name, network, prefix, order, ranges, floating_address, controller0_address, controller1_address or gateway_address");
                    break;
            }
        }

        errors.ThrowIfAny();
        return changes;
    }

    public static NetworkChangeStep ToStep(V1.NetworkChangeStep step, int index)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.StepCase switch
        {
            V1.NetworkChangeStep.StepOneofCase.AddAddressPool => new NetworkChangeStep.AddPool(ToSpec(step.AddAddressPool)),
            V1.NetworkChangeStep.StepOneofCase.ModifyAddressPool => new NetworkChangeStep.ModifyPool(step.ModifyAddressPool.Pool,
                ToChanges(step.ModifyAddressPool, $"steps[{index}].modify_address_pool.update_mask")),
            V1.NetworkChangeStep.StepOneofCase.DeleteAddressPool => new NetworkChangeStep.DeletePool(step.DeleteAddressPool.Pool),
            V1.NetworkChangeStep.StepOneofCase.AssignNetworkAddressPool => new NetworkChangeStep.AssignPool(
                step.AssignNetworkAddressPool.Network, step.AssignNetworkAddressPool.Pool),
            V1.NetworkChangeStep.StepOneofCase.RemoveNetworkAddressPool => new NetworkChangeStep.RemoveAssignment(step.RemoveNetworkAddressPool.Uuid),
            _ => throw new DomainException(new DomainError("N-33", $"steps[{index}]",
                $"step {index + 1} sets none of add_address_pool, modify_address_pool, delete_address_pool, assign_network_address_pool, remove_network_address_pool")),
        };
    }

    private static string? OrderName(V1.AllocationOrder order) => order switch
    {
        V1.AllocationOrder.Random => "random",
        V1.AllocationOrder.Sequential => "sequential",
        _ => null,
    };

    private static string? Ranges(IEnumerable<V1.AddressRange> ranges)
    {
        var text = string.Join(',', ranges.Select(r => $"{r.Start}-{r.End}"));
        return text.Length == 0 ? null : text;
    }

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // ------------------------------------------------------------------------------------------------------------
    // Site -> messages

    public static V1.AddressPool ToMessage(PoolView pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var message = new V1.AddressPool
        {
            Uuid = pool.Uuid.ToString(),
            Name = pool.Name,
            Network = pool.Network,
            Prefix = (uint)pool.Prefix,
            Family = ToMessage(pool.Family),
            Order = pool.Order == "sequential" ? V1.AllocationOrder.Sequential : V1.AllocationOrder.Random,
            FloatingAddress = pool.FloatingAddress ?? string.Empty,
            Controller0Address = pool.Controller0Address ?? string.Empty,
            Controller1Address = pool.Controller1Address ?? string.Empty,
            GatewayAddress = pool.GatewayAddress ?? string.Empty,
        };
        foreach (var range in pool.Ranges)
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            message.Ranges.Add(dash < 0
                ? new V1.AddressRange { Start = range, End = range }
                : new V1.AddressRange { Start = range[..dash], End = range[(dash + 1)..] });
        }

        return message;
    }

    public static V1.AddressFamily ToMessage(IpFamily family) => family == IpFamily.IPv6 ? V1.AddressFamily.Ipv6 : V1.AddressFamily.Ipv4;

    public static V1.Network ToMessage(NetworkView network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var message = new V1.Network
        {
            Id = network.Id,
            Uuid = network.Uuid.ToString(),
            Name = network.Name,
            Type = network.Name,
            Dynamic = network.Dynamic,
            PoolUuid = network.PoolUuid.ToString(),
            PrimaryPoolFamily = ToMessage(network.PrimaryPoolFamily),
        };
        message.Pools.AddRange(network.Pools.Select(ToMessage));
        return message;
    }

    public static V1.NetworkAddressPool ToMessage(NetworkPoolView row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new V1.NetworkAddressPool
        {
            Uuid = row.Uuid.ToString(),
            NetworkName = row.NetworkName,
            AddrpoolName = row.AddrpoolName,
            NetworkUuid = row.NetworkUuid.ToString(),
            AddrpoolUuid = row.AddrpoolUuid.ToString(),
            Primary = row.Primary,
        };
    }

    public static V1.Host ToMessage(HostView host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new V1.Host
        {
            Id = host.Id,
            Uuid = host.Uuid.ToString(),
            Hostname = host.Hostname,
            Personality = host.Personality switch
            {
                HostRole.Controller => V1.Personality.Controller,
                HostRole.Worker => V1.Personality.Worker,
                _ => V1.Personality.Storage,
            },
            Administrative = host.Administrative == SiteHosts.AdministrativeState.Locked ? V1.AdministrativeState.Locked : V1.AdministrativeState.Unlocked,
            Operational = host.Operational == SiteHosts.OperationalState.Enabled ? V1.OperationalState.Enabled : V1.OperationalState.Disabled,
            Availability = host.Availability switch
            {
                SiteHosts.Availability.Available => V1.Availability.Available,
                SiteHosts.Availability.Online => V1.Availability.Online,
                SiteHosts.Availability.Offline => V1.Availability.Offline,
                SiteHosts.Availability.Degraded => V1.Availability.Degraded,
                SiteHosts.Availability.Failed => V1.Availability.Failed,
                _ => V1.Availability.PowerOff,
            },
            Task = host.Task ?? string.Empty,
            Role = host.Role switch
            {
                SiteHosts.ControllerRole.Active => V1.ControllerRole.Active,
                SiteHosts.ControllerRole.Standby => V1.ControllerRole.Standby,
                _ => V1.ControllerRole.Unspecified,
            },
            ConfigTarget = host.ConfigTarget ?? string.Empty,
            ConfigApplied = host.ConfigApplied ?? string.Empty,
            ConfigOutOfDate = host.ConfigOutOfDate,
        };
    }

    public static V1.Alarm ToMessage(SiteAlarms.Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new V1.Alarm
        {
            Uuid = alarm.Uuid.ToString(),
            AlarmId = alarm.AlarmId,
            Severity = alarm.Severity switch
            {
                SiteAlarms.AlarmSeverity.Critical => V1.AlarmSeverity.Critical,
                SiteAlarms.AlarmSeverity.Major => V1.AlarmSeverity.Major,
                SiteAlarms.AlarmSeverity.Minor => V1.AlarmSeverity.Minor,
                _ => V1.AlarmSeverity.Warning,
            },
            EntityInstanceId = alarm.EntityInstanceId,
            ReasonText = alarm.ReasonText,
            ProposedRepairAction = alarm.RepairAction,
            RaisedAt = Timestamp.FromDateTimeOffset(alarm.RaisedAt),
        };
    }

    public static V1.HostAction ToMessage(SiteHosts.HostAction action) => action switch
    {
        SiteHosts.HostAction.Lock => V1.HostAction.Lock,
        SiteHosts.HostAction.Unlock => V1.HostAction.Unlock,
        _ => V1.HostAction.Swact,
    };

    public static V1.OperationState ToMessage(OperationState state) => state switch
    {
        OperationState.Running => V1.OperationState.Running,
        OperationState.Succeeded => V1.OperationState.Succeeded,
        _ => V1.OperationState.Failed,
    };

    public static V1.SystemMode ToMessage(SystemMode mode) => mode switch
    {
        SystemMode.Simplex => V1.SystemMode.Simplex,
        SystemMode.Duplex => V1.SystemMode.Duplex,
        _ => V1.SystemMode.Standard,
    };

    /// <summary>The answer to a host action: the operation as accepted and the host as it is now (task set).</summary>
    public static V1.HostActionResponse ToMessage(HostActionTicket ticket, HostView host)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new V1.HostActionResponse
        {
            OperationId = ticket.Accepted.OperationId,
            Action = ToMessage(ticket.Accepted.Action),
            Host = ToMessage(host),
            State = ToMessage(ticket.Accepted.State),
            Replayed = ticket.Replayed,
        };
    }

    /// <summary>The whole site, with the family and addresses of the connection the call came in on (N-35).</summary>
    public static V1.Site ToMessage(SiteView site, IpFamily? arrivalFamily, string? localAddress, string? peerAddress, V1.Leadership leadership)
    {
        ArgumentNullException.ThrowIfNull(site);
        var message = new V1.Site
        {
            SystemUuid = site.SystemUuid.ToString(),
            SystemName = site.Name ?? string.Empty,
            SystemMode = ToMessage(site.Mode),
            Release = site.Release ?? string.Empty,
            PrimaryFamily = ToMessage(site.PrimaryFamily),
            ArrivalFamily = arrivalFamily is { } family ? ToMessage(family) : V1.AddressFamily.Unspecified,
            ArrivalLocalAddress = localAddress ?? string.Empty,
            ArrivalPeerAddress = peerAddress ?? string.Empty,
            Leadership = leadership,
        };
        message.Hosts.AddRange(site.Hosts.Select(ToMessage));
        message.Networks.AddRange(site.Networks.Select(ToMessage));
        message.NetworkAddressPools.AddRange(site.NetworkPools.Select(ToMessage));
        message.Alarms.AddRange(site.Alarms.Select(ToMessage));
        return message;
    }

    public static V1.ApplyNetworkChangeResponse ToMessage(NetworkChangeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var message = new V1.ApplyNetworkChangeResponse
        {
            OperationId = outcome.OperationId,
            State = V1.OperationState.Succeeded,
            Replayed = outcome.Replayed,
            ConfigTarget = outcome.ConfigTarget ?? string.Empty,
        };
        message.Notices.AddRange(outcome.Notices);
        foreach (var result in outcome.Results)
        {
            var item = new V1.NetworkChangeStepResult { Index = result.Index };
            if (result.Pool is { } pool)
            {
                item.AddressPool = ToMessage(pool);
            }
            else if (result.Assignment is { } assignment)
            {
                item.NetworkAddressPool = ToMessage(assignment);
            }
            else if (result.RemovedUuid is { } removed)
            {
                item.RemovedUuid = removed.ToString();
            }

            message.Results.Add(item);
        }

        return message;
    }

    public static V1.SiteEvent ToMessage(SiteEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var message = new V1.SiteEvent { Sequence = item.Sequence, Time = Timestamp.FromDateTimeOffset(item.Time) };
        switch (item.Kind)
        {
            case SiteEventKind.HostChanged when item.Host is { } host:
                message.HostChanged = ToMessage(host);
                break;
            case SiteEventKind.HostActionProgress when item.Operation is { } operation:
                message.HostAction = new V1.HostActionProgress
                {
                    OperationId = operation.OperationId,
                    Action = ToMessage(operation.Action),
                    Hostname = operation.HostName,
                    State = ToMessage(operation.State),
                    Message = item.Message ?? operation.Message ?? string.Empty,
                };
                break;
            case SiteEventKind.AlarmRaised or SiteEventKind.AlarmCleared when item.Alarm is { } alarm:
                message.Alarm = new V1.AlarmChange { Alarm = ToMessage(alarm), Cleared = item.Kind == SiteEventKind.AlarmCleared };
                break;
            case SiteEventKind.NetworkChanged when item.Change is { } change:
                message.NetworkChanged = new V1.NetworkChanged { ConfigTarget = change.ConfigTarget };
                break;
        }

        return message;
    }
}
