using System.Net;
using DistributedCloud.Controller.Access;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Api = DistributedCloud.Contracts.Controller.V1;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Tests.Access;

/// <summary>The audit interceptor (S-8): operator and admin calls recorded done or refused, with who, from where, what and on what.</summary>
public sealed class AuditInterceptorTests
{
    private const string DeleteSubcloud = "/distributedcloud.controller.v1.SystemController/DeleteSubcloud";
    private const string LockHost = "/distributedcloud.agent.v1.SubcloudAgent/LockHost";

    private readonly RecordingAudit _audit = new();
    private readonly FakeTimeProvider _time = new(Fleet.Start);

    private AuditInterceptor Interceptor() => new(_audit, _time);

    private static System.Security.Claims.ClaimsPrincipal Alice(AdminRole role = AdminRole.Admin) =>
        AccessClaims.Principal("alice", role, AccessClaims.TokenMethod, "Bearer");

    [Fact]
    public async Task S8_an_admin_call_that_succeeds_is_recorded_done_with_the_caller_its_address_and_the_target()
    {
        var context = new TestCallContext(DeleteSubcloud, Alice(), AdminRoles.Admin).WithHeader(AuditInterceptor.RequestIdHeader, "req-42");

        var response = await Interceptor().UnaryServerHandler(new Api.DeleteSubcloudRequest { Name = "subcloud1" }, context,
            (request, _) => Task.FromResult(new Api.DeleteSubcloudResponse { Name = request.Name }));

        Assert.Equal("subcloud1", response.Name);
        var recorded = Assert.Single(_audit.Events);
        Assert.Equal(new AccessEvent(Fleet.Start, "alice", "admin", "198.18.0.7", DeleteSubcloud, "subcloud1", "req-42", AccessOutcome.Done, null), recorded);
    }

    [Fact]
    public async Task S8_a_refused_call_is_recorded_with_its_status_and_message_and_the_same_exception_goes_on()
    {
        var context = new TestCallContext(DeleteSubcloud, Alice(), AdminRoles.Admin);
        var refusal = new DomainException(new DomainError("D-1", "name", "no subcloud is named 'ghost'", ErrorKind.NotFound));

        var thrown = await Assert.ThrowsAsync<DomainException>(() => Interceptor().UnaryServerHandler<Api.DeleteSubcloudRequest, Api.DeleteSubcloudResponse>(
            new Api.DeleteSubcloudRequest { Name = "ghost" }, context, (_, _) => throw refusal));

        Assert.Same(refusal, thrown);
        var recorded = Assert.Single(_audit.Events);
        Assert.Equal((AccessOutcome.Refused, "ghost", "NOT_FOUND: name: no subcloud is named 'ghost' [D-1]"), (recorded.Outcome, recorded.Target, recorded.Reason));
        Assert.Equal("trace-1", recorded.RequestId);
    }

    [Fact]
    public async Task S8_an_rpc_refusal_reads_as_its_grpc_status_name_and_a_long_message_is_shortened()
    {
        var context = new TestCallContext(DeleteSubcloud, Alice(AdminRole.Operator), AdminRoles.Admin);
        var detail = "needs the admin role " + new string('x', 1000);

        await Assert.ThrowsAsync<RpcException>(() => Interceptor().UnaryServerHandler<Api.DeleteSubcloudRequest, Api.DeleteSubcloudResponse>(
            new Api.DeleteSubcloudRequest { Name = "subcloud1" }, context, (_, _) => throw new RpcException(new Status(StatusCode.PermissionDenied, detail))));

        var recorded = Assert.Single(_audit.Events);
        Assert.StartsWith("PERMISSION_DENIED: needs the admin role xxx", recorded.Reason, StringComparison.Ordinal);
        Assert.Equal(240, recorded.Reason!.Length);
        Assert.Equal("operator", recorded.Role);
    }

    [Fact]
    public async Task S8_an_operator_call_naming_a_subcloud_in_metadata_targets_that_subcloud()
    {
        var context = new TestCallContext(LockHost, Alice(AdminRole.Operator), AdminRoles.Operator, IPAddress.Parse("2001:db8::5"))
            .WithHeader("dc-subcloud", "subcloud7");

        await Interceptor().UnaryServerHandler(new V1.HostActionRequest { Host = "controller-1" }, context,
            (_, _) => Task.FromResult(new V1.HostActionResponse()));

        var recorded = Assert.Single(_audit.Events);
        Assert.Equal(("subcloud7", "2001:db8::5", AccessOutcome.Done), (recorded.Target, recorded.Source, recorded.Outcome));
    }

    [Theory]
    [InlineData(AdminRoles.Reader)]
    [InlineData(null)]
    public async Task S8_reads_and_calls_without_an_operator_or_admin_policy_are_not_recorded(string? policy)
    {
        var context = new TestCallContext("/distributedcloud.controller.v1.SystemController/ListSubclouds", Alice(), policy);

        await Interceptor().UnaryServerHandler(new Api.ListSubcloudsRequest(), context, (_, _) => Task.FromResult(new Api.ListSubcloudsResponse()));

        Assert.Empty(_audit.Events);
    }

    [Fact]
    public async Task S8_an_anonymous_caller_is_recorded_as_anonymous_without_a_role()
    {
        var context = new TestCallContext(DeleteSubcloud, policy: AdminRoles.Admin);

        await Interceptor().UnaryServerHandler(new Api.DeleteSubcloudRequest { Name = "subcloud1" }, context,
            (_, _) => Task.FromResult(new Api.DeleteSubcloudResponse()));

        var recorded = Assert.Single(_audit.Events);
        Assert.Equal(("(anonymous)", null), (recorded.Identity, recorded.Role));
    }

    [Fact]
    public void S8_the_target_is_the_first_named_field_of_the_request_in_field_order()
    {
        Assert.Equal("subcloud1", RequestTargets.Of(new Api.AddSubcloudRequest { Name = "subcloud1", Group = "edge" }));
        Assert.Equal("edge", RequestTargets.Of(new Api.UpdateSubcloudGroupRequest { Group = "edge", Name = "west" }));
        Assert.Equal("west", RequestTargets.Of(new Api.UpdateSubcloudGroupRequest { Name = "west" }));
        Assert.Equal("controller-1", RequestTargets.Of(new V1.HostActionRequest { Host = "controller-1", OperationId = "op" }));
        Assert.Equal("ci", RequestTargets.Of(new Api.CreateTokenRequest { Name = "ci", Role = Api.AdminRole.Reader }));
        Assert.Null(RequestTargets.Of(new Api.CreateStrategyRequest { Group = string.Empty }));
        Assert.Null(RequestTargets.Of(new Api.ApplyStrategyRequest()));
        Assert.Null(RequestTargets.Of(null));
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied, "PERMISSION_DENIED")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData(StatusCode.InvalidArgument, "INVALID_ARGUMENT")]
    [InlineData(StatusCode.OK, "OK")]
    public void S8_refusal_statuses_are_spelt_as_grpc_spells_them(StatusCode code, string name) => Assert.Equal(name, AuditInterceptor.StatusName(code));
}
