using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Site.Hosting.Service;
using Google.Protobuf.WellKnownTypes;
using Api = DistributedCloud.Contracts.Controller.V1;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Service;

/// <summary>The one place where the controller's domain and the admin API's messages meet, both ways.</summary>
public static class ControllerMapper
{
    // ---- requests -> domain ----

    public static SubcloudAddRequest ToAddRequest(Api.AddSubcloudRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SubcloudAddRequest(
            request.Name,
            request.BootstrapYaml,
            request.AgentAddress,
            request.AgentPort == 0 ? null : (int)request.AgentPort,
            Optional(request.Group),
            Optional(request.Release),
            Optional(request.Description),
            Optional(request.Location));
    }

    public static ApplyType ToApplyType(Api.ApplyType type, ApplyType fallback) => type switch
    {
        Api.ApplyType.Serial => ApplyType.Serial,
        Api.ApplyType.Parallel => ApplyType.Parallel,
        _ => fallback,
    };

    /// <summary>The mask's fields become changes (AIP-134); an empty mask names nothing to change.</summary>
    public static SubcloudGroupChanges ToChanges(Api.UpdateSubcloudGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ErrorCollector();
        var paths = request.UpdateMask?.Paths ?? [];
        if (paths.Count == 0)
        {
            errors.Add("D-10", "update_mask", "update_mask names no field; list the fields to change, e.g. [\"description\", \"max_parallel_subclouds\"]");
        }

        var changes = new SubcloudGroupChanges();
        foreach (var path in paths)
        {
            switch (path)
            {
                case "name": changes = changes with { Name = request.Name }; break;
                case "description": changes = changes with { Description = request.Description }; break;
                case "update_apply_type": changes = changes with { ApplyType = ToApplyType(request.UpdateApplyType, ApplyType.Parallel) }; break;
                case "max_parallel_subclouds": changes = changes with { MaxParallelSubclouds = (int)request.MaxParallelSubclouds }; break;
                default:
                    errors.Add("D-10", "update_mask", $"'{path}' is not a field of a subcloud group; use name, description, update_apply_type or max_parallel_subclouds");
                    break;
            }
        }

        errors.ThrowIfAny();
        return changes;
    }

    /// <summary>D-13: the create request's parameters; every problem is reported at once.</summary>
    public static StrategyParameters ToParameters(Api.CreateStrategyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ErrorCollector();
        if (request.Type != Api.StrategyType.NetworkMode)
        {
            errors.Add("D-11", "type", "the strategy type is missing or unknown; the type is network-mode");
        }

        if (request.ParametersCase != Api.CreateStrategyRequest.ParametersOneofCase.NetworkMode)
        {
            errors.Add("D-13", "network_mode", "network-mode parameters are missing: give the target mode (dual-stack or single-stack)");
            errors.ThrowIfAny();
        }

        var mode = request.NetworkMode;
        NetworkModeTarget target = NetworkModeTarget.DualStack;
        switch (mode.Target)
        {
            case Api.NetworkMode.DualStack: target = NetworkModeTarget.DualStack; break;
            case Api.NetworkMode.SingleStack: target = NetworkModeTarget.SingleStack; break;
            default: errors.Add("D-13", "network_mode.target", "the target mode is missing; give dual-stack or single-stack"); break;
        }

        var networks = new List<NetworkType>();
        foreach (var name in mode.Networks)
        {
            if (NetworkTypes.TryParse(name, out var type))
            {
                networks.Add(type);
            }
            else
            {
                errors.Add("D-13", "network_mode.networks", $"'{name}' is not a platform network type such as oam, mgmt, cluster-pod");
            }
        }

        errors.ThrowIfAny();
        var applyType = ToApplyType(request.SubcloudApplyType, ApplyType.Parallel);
        return new StrategyParameters(
            target,
            applyType,
            request.MaxParallelSubclouds == 0 ? null : (int)request.MaxParallelSubclouds,
            request.StopOnFailure,
            request.ScopeCase == Api.CreateStrategyRequest.ScopeOneofCase.Group ? request.Group : null,
            request.ScopeCase == Api.CreateStrategyRequest.ScopeOneofCase.Subclouds ? request.Subclouds.Names.ToArray() : null,
            networks.Count == 0 ? null : networks,
            mode.SecondarySubnets.Count == 0
                ? null
                : new SecondarySubnets(mode.SecondarySubnets.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value.Values.ToDictionary(v => v.Key, v => v.Value))));
    }

    // ---- domain -> messages ----

    public static Api.Subcloud ToMessage(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var message = new Api.Subcloud
        {
            Name = subcloud.Name,
            Region = subcloud.Region,
            Description = subcloud.Description ?? string.Empty,
            Location = subcloud.Location ?? string.Empty,
            Release = subcloud.Release ?? string.Empty,
            SystemMode = AgentMapper.ToMessage(subcloud.Mode),
            Group = subcloud.Group,
            Management = subcloud.Management == ManagementState.Managed ? Api.ManagementState.Managed : Api.ManagementState.Unmanaged,
            Availability = subcloud.Availability == SubcloudAvailability.Online ? Api.SubcloudAvailability.Online : Api.SubcloudAvailability.Offline,
            DeployStatus = subcloud.DeployStatus.Name(),
            PrimaryFamily = AgentMapper.ToMessage(subcloud.PrimaryFamily),
            NetworkMode = subcloud.IsDualStack ? Api.NetworkMode.DualStack : Api.NetworkMode.SingleStack,
            AgentAddress = subcloud.Agent.Address.ToString(),
            AgentPort = (uint)subcloud.Agent.Port,
            Sync = ToMessage(subcloud.OverallSync),
            ErrorDescription = subcloud.Error ?? string.Empty,
        };
        if (subcloud.LastAudit is { } audited)
        {
            message.LastAudit = Timestamp.FromDateTimeOffset(audited);
        }

        message.Subnets.AddRange(subcloud.Subnets.Select(s => new Api.SubcloudSubnet { Network = s.Network.Name(), Primary = s.Primary, Secondary = s.Secondary ?? string.Empty }));
        message.EndpointSync.AddRange(subcloud.Sync.Endpoints.Select(p => new Api.EndpointSync { Endpoint = p.Key, Status = ToMessage(p.Value) }));
        return message;
    }

    /// <summary>The subcloud with its certificate's state (S-3); <paramref name="credential"/> null: added before enrollment existed.</summary>
    public static Api.Subcloud ToMessage(Subcloud subcloud, SubcloudCredential? credential, DateTimeOffset now, TimeSpan skew)
    {
        var message = ToMessage(subcloud);
        message.CertificateState = (credential?.State(now, skew) ?? CertificateState.WaitingForEnrollment).Name();
        if (credential?.CertificateNotAfter is { } expires && credential.CertificateSerial is not null)
        {
            message.CertificateExpires = Timestamp.FromDateTimeOffset(expires);
        }

        return message;
    }

    /// <summary>
    /// S-2: what the operator hands to the agent: the token (shown only now), the CA fingerprint to pin, and the agent's
    /// settings as its flags (the listen address is the subcloud's agent endpoint over TLS).
    /// </summary>
    public static Api.Enrollment ToMessage(JoinTokenGrant grant, Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(subcloud);
        var enrollment = new Api.Enrollment
        {
            JoinToken = grant.Token.ToString(),
            CaFingerprint = grant.CaFingerprint,
            ExpiresAt = Timestamp.FromDateTimeOffset(grant.ExpiresAt),
        };
        enrollment.AgentSettings.Add("listen", subcloud.Agent.SecureUrl);
        enrollment.AgentSettings.Add("join-token", grant.Token.ToString());
        enrollment.AgentSettings.Add("ca-fingerprint", grant.CaFingerprint);
        return enrollment;
    }

    public static TimeSpan? ToLifetime(Duration? duration) => duration is null ? null : duration.ToTimeSpan();

    public static Api.SyncStatus ToMessage(SyncStatus status) => status switch
    {
        SyncStatus.InSync => Api.SyncStatus.InSync,
        SyncStatus.OutOfSync => Api.SyncStatus.OutOfSync,
        _ => Api.SyncStatus.Unknown,
    };

    public static Api.SubcloudGroup ToMessage(SubcloudGroup group, IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(group);
        var message = new Api.SubcloudGroup
        {
            Id = group.Id,
            Name = group.Name,
            Description = group.Description ?? string.Empty,
            UpdateApplyType = group.ApplyType == ApplyType.Serial ? Api.ApplyType.Serial : Api.ApplyType.Parallel,
            MaxParallelSubclouds = (uint)group.MaxParallelSubclouds,
        };
        message.Subclouds.AddRange(members);
        return message;
    }

    public static Api.Strategy ToMessage(Strategy strategy, bool details = true)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var message = new Api.Strategy
        {
            Type = Api.StrategyType.NetworkMode,
            State = strategy.State switch
            {
                StrategyState.Initial => Api.StrategyState.Initial,
                StrategyState.Applying => Api.StrategyState.Applying,
                StrategyState.Complete => Api.StrategyState.Complete,
                StrategyState.Failed => Api.StrategyState.Failed,
                StrategyState.Aborting => Api.StrategyState.Aborting,
                _ => Api.StrategyState.Aborted,
            },
            SubcloudApplyType = strategy.Parameters.ApplyType == ApplyType.Serial ? Api.ApplyType.Serial : Api.ApplyType.Parallel,
            MaxParallelSubclouds = (uint)strategy.Parameters.EffectiveMaxParallel,
            StopOnFailure = strategy.Parameters.StopOnFailure,
            Done = strategy.Done,
            Failed = strategy.FailedCount,
            Running = strategy.Running,
            CreatedAt = Timestamp.FromDateTimeOffset(strategy.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(strategy.UpdatedAt),
            Error = strategy.Error ?? string.Empty,
        };
        foreach (var part in strategy.Subclouds.OrderBy(p => p.Order))
        {
            var plan = new Api.SubcloudPlan { Subcloud = part.Subcloud, State = ToMessage(part.State) };
            plan.Notices.AddRange(part.Notices);

            // The ordered steps are the plan itself (D-12); details add each step's operation id, times and message.
            plan.Steps.AddRange(part.Steps.Select(s => ToMessage(s, details)));
            message.Subclouds.Add(plan);
        }

        message.Skipped.AddRange(strategy.Skipped.Select(s => new Api.SkippedSubcloud { Subcloud = s.Subcloud, Reason = s.Reason }));

        return message;
    }

    public static Api.StrategyStep ToMessage(StrategyStep step, bool details = true)
    {
        ArgumentNullException.ThrowIfNull(step);
        // The wire counts steps from 1, as dcctl shows them and as the progress lines count them (step 2/5).
        var message = new Api.StrategyStep { Index = step.Index + 1, Name = step.Name, State = ToMessage(step.State) };
        if (!details)
        {
            return message;
        }

        message.OperationId = step.OperationId;
        message.Message = step.Message ?? string.Empty;
        if (step.StartedAt is { } started)
        {
            message.StartedAt = Timestamp.FromDateTimeOffset(started);
        }

        if (step.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        return message;
    }

    public static Api.StepState ToMessage(StepState state) => state switch
    {
        StepState.Pending => Api.StepState.Pending,
        StepState.Running => Api.StepState.Running,
        StepState.Succeeded => Api.StepState.Succeeded,
        StepState.Failed => Api.StepState.Failed,
        StepState.Paused => Api.StepState.Paused,
        _ => Api.StepState.Aborted,
    };

    public static V1.Alarm ToMessage(ControllerAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new V1.Alarm
        {
            // One alarm per id and entity (H-14): that pair is its identity.
            Uuid = $"{alarm.AlarmId}/{alarm.Entity}",
            AlarmId = alarm.AlarmId,
            Severity = Severity(alarm.Severity),
            EntityInstanceId = alarm.Entity,
            ReasonText = alarm.Reason,
            ProposedRepairAction = alarm.RepairAction,
            RaisedAt = Timestamp.FromDateTimeOffset(alarm.RaisedAt),
        };
    }

    /// <summary>H-15: per subcloud, its alarms counted by severity.</summary>
    public static IEnumerable<Api.AlarmSummary> Summaries(IEnumerable<V1.Alarm> alarms) =>
        alarms.Where(a => a.EntityInstanceId.StartsWith(SubcloudAlarmIds.Entity(string.Empty), StringComparison.Ordinal))
            .GroupBy(a => a.EntityInstanceId[SubcloudAlarmIds.Entity(string.Empty).Length..], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Api.AlarmSummary
            {
                Subcloud = g.Key,
                Critical = g.Count(a => a.Severity == V1.AlarmSeverity.Critical),
                Major = g.Count(a => a.Severity == V1.AlarmSeverity.Major),
                Minor = g.Count(a => a.Severity == V1.AlarmSeverity.Minor),
                Warning = g.Count(a => a.Severity == V1.AlarmSeverity.Warning),
            });

    private static V1.AlarmSeverity Severity(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" => V1.AlarmSeverity.Critical,
        "major" => V1.AlarmSeverity.Major,
        "minor" => V1.AlarmSeverity.Minor,
        _ => V1.AlarmSeverity.Warning,
    };

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
