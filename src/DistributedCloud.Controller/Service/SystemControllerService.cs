using DistributedCloud.Controller.Audit;
using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Security.Access;
using Microsoft.AspNetCore.Authorization;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Hosting;
using DistributedCloud.Controller.Platform;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Api = DistributedCloud.Contracts.Controller.V1;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Service;

/// <summary>
/// distributedcloud.controller.v1.SystemController, thin: what is the controller's own (the fleet's alarms, subclouds,
/// groups, strategies) goes to the core's services. Platform calls are the SubcloudAgent service
/// (<see cref="ControllerSiteService"/>, architecture decision 2). Refusals are <c>DomainException</c>s, mapped to
/// statuses in one place (the gRPC server's error interceptor). Each method names the role it needs (S-7): reads and
/// watches reader; subcloud manage/unmanage and strategy apply/abort operator; everything else admin.
/// </summary>
public sealed class SystemControllerService(
    HostedSite site,
    SubcloudRegistry registry,
    StrategyService strategies,
    SubcloudProxy proxy,
    AgentChannels channels,
    AuditLoop audits,
    ControllerPki pki,
    AdminTokenStore tokens,
    AuditLog auditLog,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    SubcloudEnrollment enrollment,
    AccessCertificates access,
    IOptions<SecurityOptions> security) : Api.SystemController.SystemControllerBase
{
    // ---- the controller itself ----

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<Api.SystemInfo> GetSystem(Api.GetSystemRequest request, ServerCallContext context)
    {
        var own = site.Manager.GetSite();
        return Task.FromResult(new Api.SystemInfo
        {
            Name = own.Name ?? string.Empty,
            Uuid = own.SystemUuid.ToString(),
            SystemMode = AgentMapper.ToMessage(own.Mode),
            Release = own.Release ?? string.Empty,
            PrimaryFamily = AgentMapper.ToMessage(own.PrimaryFamily),
            NetworkMode = own.NetworkMode,
            ControllerId = pki.ControllerId,
            CaFingerprint = pki.Fingerprint,
            CaExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(pki.Authority.Certificate.NotAfter.ToUniversalTime()),
        });
    }

    // ---- alarms ----

    /// <summary>No subcloud: the controller's 280.x alarms, the own site's alarms and a per-subcloud summary; a subcloud: its 280.x alarms and its agent's.</summary>
    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.ListAlarmsResponse> ListAlarms(Api.ListAlarmsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var controllerAlarms = (await registry.ListAlarmsAsync(context.CancellationToken)).Select(ControllerMapper.ToMessage).ToArray();
        var response = new Api.ListAlarmsResponse();
        if (!string.IsNullOrWhiteSpace(request.Subcloud))
        {
            var subcloud = await registry.GetAsync(request.Subcloud.Trim(), context.CancellationToken);
            var entity = Core.Alarms.SubcloudAlarmIds.Entity(subcloud.Name);
            response.Alarms.AddRange(controllerAlarms.Where(a => a.EntityInstanceId == entity));
            if (subcloud.Availability == Core.Subclouds.SubcloudAvailability.Online)
            {
                var agentAlarms = await proxy.CallAsync(subcloud.Name, "ListAlarms",
                    (invoker, options) => new V1.SubcloudAgent.SubcloudAgentClient(invoker).ListAlarmsAsync(new V1.ListAlarmsRequest(), options),
                    new CallOptions(cancellationToken: context.CancellationToken));
                response.Alarms.AddRange(agentAlarms.Alarms);
            }

            return response;
        }

        response.Alarms.AddRange(controllerAlarms);
        response.Alarms.AddRange(site.Manager.ListAlarms().Select(AgentMapper.ToMessage));
        response.SubcloudSummaries.AddRange(ControllerMapper.Summaries(controllerAlarms));
        return response;
    }

    // ---- subclouds (D-1..D-4) ----

    /// <summary>D-2: every rule checked before anything is stored; then an audit at once fills in availability and deploy status.</summary>
    /// <summary>
    /// D-2: every rule checked before anything is stored; the subcloud and its join token (S-2) are stored together, the
    /// token shown once in the answer's <c>enrollment</c>; then an audit at once (which enrolls the agent once it runs
    /// with the token) fills in availability and deploy status.
    /// </summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.Subcloud> AddSubcloud(Api.AddSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (added, grant) = await enrollment.AddSubcloudAsync(ControllerMapper.ToAddRequest(request), ControllerMapper.ToLifetime(request.TokenExpires), context.CancellationToken);
        audits.AuditNow(added.Name);
        var message = Message(added);
        message.Enrollment = ControllerMapper.ToMessage(grant, added);
        return message;
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.ListSubcloudsResponse> ListSubclouds(Api.ListSubcloudsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = new Api.ListSubcloudsResponse();
        response.Subclouds.AddRange((await registry.ListAsync(context.CancellationToken)).Select(Message));
        return response;
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.Subcloud> GetSubcloud(Api.GetSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return Message(await registry.GetAsync(request.Name, context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Operator)]
    public override async Task<Api.Subcloud> ManageSubcloud(Api.ManageSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var managed = await registry.ManageAsync(request.Name, request.Force, context.CancellationToken);
        audits.AuditNow(managed.Name);
        return Message(managed);
    }

    [Authorize(Policy = AdminRoles.Operator)]
    public override async Task<Api.Subcloud> UnmanageSubcloud(Api.UnmanageSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return Message(await registry.UnmanageAsync(request.Name, context.CancellationToken));
    }

    /// <summary>D-4; its credentials go with it and its channel is dropped at once (S-3).</summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.DeleteSubcloudResponse> DeleteSubcloud(Api.DeleteSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await enrollment.DeleteSubcloudAsync(request.Name, request.Force, context.CancellationToken);
        channels.Forget(request.Name);
        return new Api.DeleteSubcloudResponse { Name = request.Name };
    }

    /// <summary>
    /// S-2 <c>dcctl subcloud enroll NAME</c>: a new join token (shown once, in <c>enrollment</c>) replaces the earlier one;
    /// the agent enrolls with it at the next audit after it is restarted with it.
    /// </summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.Subcloud> EnrollSubcloud(Api.EnrollSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (subcloud, grant) = await enrollment.NewTokenAsync(request.Name, ControllerMapper.ToLifetime(request.TokenExpires), context.CancellationToken);
        audits.AuditNow(subcloud.Name);
        var message = Message(subcloud);
        message.Enrollment = ControllerMapper.ToMessage(grant, subcloud);
        return message;
    }

    /// <summary>S-3 <c>dcctl subcloud revoke NAME</c>: its certificate is refused from now on; its channel is dropped at once.</summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.Subcloud> RevokeSubcloud(Api.RevokeSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var subcloud = await enrollment.RevokeAsync(request.Name, context.CancellationToken);
        channels.Forget(subcloud.Name);
        audits.AuditNow(subcloud.Name);
        return Message(subcloud);
    }

    /// <summary>
    /// S-5a <c>dcctl subcloud access NAME</c>: a short-lived access certificate for the caller's key, naming the caller, for
    /// the subcloud's agent. Admin only (a certificate may carry any role); the audit interceptor records it.
    /// </summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.AccessCertificate> IssueAccessCertificate(Api.IssueAccessCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var issued = await access.IssueAsync(request.Subcloud, AccessMapper.ToRole(request.Role), request.Expires?.ToTimeSpan() ?? TimeSpan.Zero,
            request.SigningRequest.ToByteArray(), AccessClaims.Identity(context.GetHttpContext().User), context.CancellationToken);
        using (issued.Certificate)
        {
            return AccessMapper.ToMessage(issued);
        }
    }

    private Api.Subcloud Message(Core.Subclouds.Subcloud subcloud) =>
        ControllerMapper.ToMessage(subcloud, enrollment.Find(subcloud.Name), enrollment.Time.GetUtcNow(), security.Value.ClockSkew);

    // ---- subcloud groups (D-10) ----

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.SubcloudGroup> AddSubcloudGroup(Api.AddSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await registry.AddGroupAsync(request.Name, string.IsNullOrEmpty(request.Description) ? null : request.Description,
            ControllerMapper.ToApplyType(request.UpdateApplyType, Core.Groups.ApplyType.Parallel),
            request.MaxParallelSubclouds == 0 ? null : (int)request.MaxParallelSubclouds, context.CancellationToken);
        return ControllerMapper.ToMessage(group, []);
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.ListSubcloudGroupsResponse> ListSubcloudGroups(Api.ListSubcloudGroupsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subclouds = await registry.ListAsync(context.CancellationToken);
        var response = new Api.ListSubcloudGroupsResponse();
        response.Groups.AddRange((await registry.ListGroupsAsync(context.CancellationToken))
            .Select(g => ControllerMapper.ToMessage(g, subclouds.Where(s => s.Group == g.Name).Select(s => s.Name))));
        return response;
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.SubcloudGroup> GetSubcloudGroup(Api.GetSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await registry.GetGroupAsync(request.Name, context.CancellationToken);
        return ControllerMapper.ToMessage(group, await registry.GroupMembersAsync(group.Name, context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.SubcloudGroup> UpdateSubcloudGroup(Api.UpdateSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await registry.UpdateGroupAsync(request.Group, ControllerMapper.ToChanges(request), context.CancellationToken);
        return ControllerMapper.ToMessage(group, await registry.GroupMembersAsync(group.Name, context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.DeleteSubcloudGroupResponse> DeleteSubcloudGroup(Api.DeleteSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await registry.GetGroupAsync(request.Group, context.CancellationToken);
        await registry.DeleteGroupAsync(request.Group, context.CancellationToken);
        return new Api.DeleteSubcloudGroupResponse { Name = group.Name };
    }

    // ---- strategies (D-11..D-18) ----

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.Strategy> CreateStrategy(Api.CreateStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await strategies.CreateAsync(ControllerMapper.ToParameters(request), context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task<Api.Strategy> GetStrategy(Api.GetStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await CurrentStrategyAsync(context.CancellationToken), request.Details);
    }

    [Authorize(Policy = AdminRoles.Operator)]
    public override async Task<Api.Strategy> ApplyStrategy(Api.ApplyStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await strategies.ApplyAsync(context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Operator)]
    public override async Task<Api.Strategy> AbortStrategy(Api.AbortStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await strategies.AbortAsync(context.CancellationToken));
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.DeleteStrategyResponse> DeleteStrategy(Api.DeleteStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await strategies.DeleteAsync(context.CancellationToken);
        return new Api.DeleteStrategyResponse();
    }

    /// <summary>The strategy now, then each time it changes (woken by the service's change event), until a final state.</summary>
    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task WatchStrategy(Api.WatchStrategyRequest request, IServerStreamWriter<Api.Strategy> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        using var changes = new StrategyChanges(strategies);
        Api.Strategy? last = null;
        while (true)
        {
            var strategy = await CurrentStrategyAsync(watch.Token);
            var message = ControllerMapper.ToMessage(strategy);
            if (!message.Equals(last))
            {
                await responseStream.WriteAsync(message, watch.Token);
                last = message;
            }

            if (strategy.IsTerminal)
            {
                return;
            }

            try
            {
                await changes.WaitAsync(watch.Token);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // ---- admin tokens (S-6, S-7) and the audit log (S-8) ----

    /// <summary>S-7: the answer carries the token's secret, the only time it is ever sent.</summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.CreateTokenResponse> CreateToken(Api.CreateTokenRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var created = await tokens.CreateAsync(request.Name, AccessMapper.ToRole(request.Role), request.ExpiresIn?.ToTimeSpan(),
            AccessClaims.Identity(context.GetHttpContext().User), context.CancellationToken);
        return new Api.CreateTokenResponse { Token = AccessMapper.ToMessage(created.Token, time.GetUtcNow()), Secret = created.Secret };
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.ListTokensResponse> ListTokens(Api.ListTokensRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var response = new Api.ListTokensResponse();
        response.Tokens.AddRange((await tokens.ListAsync(context.CancellationToken)).Select(t => AccessMapper.ToMessage(t, now)));
        return response;
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.AdminToken> RevokeToken(Api.RevokeTokenRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return AccessMapper.ToMessage(await tokens.RevokeAsync(request.Name, context.CancellationToken), time.GetUtcNow());
    }

    /// <summary>S-8: the audit log is sensitive (who did what, from where), so reading it needs the admin role.</summary>
    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<Api.ListAuditEventsResponse> ListAuditEvents(Api.ListAuditEventsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var events = await auditLog.ListAsync(request.Since?.ToDateTimeOffset(), NullIfBlank(request.Identity), NullIfBlank(request.Target),
            request.Limit, context.CancellationToken);
        var response = new Api.ListAuditEventsResponse();
        response.Events.AddRange(events.Select(AccessMapper.ToMessage));
        return response;
    }

    private static string? NullIfBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<Core.Strategies.Strategy> CurrentStrategyAsync(CancellationToken cancellationToken) =>
        await strategies.GetAsync(cancellationToken)
            ?? throw new Networking.Errors.DomainException(new Networking.Errors.DomainError("D-11", "strategy",
                "there is no strategy; create one with 'strategy create network-mode'", Networking.Errors.ErrorKind.NotFound));
}
