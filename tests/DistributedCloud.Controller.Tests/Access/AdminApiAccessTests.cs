using System.Net;
using System.Reflection;
using DistributedCloud.Controller.Access;
using DistributedCloud.Controller.Service;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Site.Hosting.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Api = DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Controller.Tests.Access;

/// <summary>The admin API's roles (S-7) as its methods declare them, and the audit of its calls over a real gRPC server (S-8).</summary>
public sealed class AdminApiAccessTests
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GetSystem"] = AdminRoles.Reader,
        ["ListAlarms"] = AdminRoles.Reader,
        ["ListSubclouds"] = AdminRoles.Reader,
        ["GetSubcloud"] = AdminRoles.Reader,
        ["ListSubcloudGroups"] = AdminRoles.Reader,
        ["GetSubcloudGroup"] = AdminRoles.Reader,
        ["GetStrategy"] = AdminRoles.Reader,
        ["WatchStrategy"] = AdminRoles.Reader,
        ["ManageSubcloud"] = AdminRoles.Operator,
        ["UnmanageSubcloud"] = AdminRoles.Operator,
        ["ApplyStrategy"] = AdminRoles.Operator,
        ["AbortStrategy"] = AdminRoles.Operator,
        ["AddSubcloud"] = AdminRoles.Admin,
        ["DeleteSubcloud"] = AdminRoles.Admin,
        ["EnrollSubcloud"] = AdminRoles.Admin,
        ["RevokeSubcloud"] = AdminRoles.Admin,
        ["IssueAccessCertificate"] = AdminRoles.Admin,
        ["AddSubcloudGroup"] = AdminRoles.Admin,
        ["UpdateSubcloudGroup"] = AdminRoles.Admin,
        ["DeleteSubcloudGroup"] = AdminRoles.Admin,
        ["CreateStrategy"] = AdminRoles.Admin,
        ["DeleteStrategy"] = AdminRoles.Admin,
        ["CreateToken"] = AdminRoles.Admin,
        ["ListTokens"] = AdminRoles.Admin,
        ["RevokeToken"] = AdminRoles.Admin,
        ["ListAuditEvents"] = AdminRoles.Admin,
    };

    [Fact]
    public void S7_every_admin_api_method_declares_the_one_role_it_needs()
    {
        var methods = Api.SystemController.Descriptor.Methods.Select(m => m.Name).ToArray();

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), methods.Order(StringComparer.Ordinal));
        foreach (var name in methods)
        {
            var method = typeof(SystemControllerService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            Assert.True(method is not null, $"SystemControllerService does not implement {name}");
            var policy = Assert.Single(method.GetCustomAttributes<AuthorizeAttribute>()).Policy;
            Assert.True(Expected[name] == policy, $"{name} needs {Expected[name]}, declares {policy}");
        }
    }

    [Fact]
    public async Task S8_over_the_wire_operator_and_admin_calls_are_recorded_reads_are_not()
    {
        var audit = new RecordingAudit();
        await using var server = await StubServer.StartAsync(audit);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new Api.SystemController.SystemControllerClient(channel);

        await client.ListSubcloudsAsync(new Api.ListSubcloudsRequest());
        await client.DeleteSubcloudAsync(new Api.DeleteSubcloudRequest { Name = "subcloud1" }, new Metadata { { AuditInterceptor.RequestIdHeader, "req-7" } });
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.ManageSubcloudAsync(new Api.ManageSubcloudRequest { Name = "subcloud2" }));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Collection(audit.Events,
            e => Assert.Equal(("/distributedcloud.controller.v1.SystemController/DeleteSubcloud", "subcloud1", "req-7", AccessOutcome.Done, "127.0.0.1"),
                (e.Method, e.Target, e.RequestId, e.Outcome, e.Source)),
            e => Assert.Equal(("/distributedcloud.controller.v1.SystemController/ManageSubcloud", "subcloud2", AccessOutcome.Refused, "FAILED_PRECONDITION: availability: subcloud2 is offline [D-3]"),
                (e.Method, e.Target, e.Outcome, e.Reason)));
    }

    /// <summary>The admin API's shape with the product's policies on its methods, on Kestrel with the audit interceptor.</summary>
    private sealed class StubServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private StubServer(WebApplication app, string address)
        {
            _app = app;
            Address = address;
        }

        public string Address { get; }

        public static async Task<StubServer> StartAsync(IAccessAudit audit)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddSingleton(audit);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<AuditInterceptor>();
            builder.Services.Configure<RouteOptions>(o => o.SuppressCheckForUnhandledSecurityMetadata = true);
            builder.Services.AddGrpc(o => o.Interceptors.Add<DomainErrorInterceptor>())
                .AddServiceOptions<StubController>(o => o.Interceptors.Add<AuditInterceptor>());
            var app = builder.Build();
            app.MapGrpcService<StubController>();
            await app.StartAsync();
            return new StubServer(app, $"http://127.0.0.1:{new Uri(app.Urls.First()).Port}");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed class StubController : Api.SystemController.SystemControllerBase
    {
        [Authorize(Policy = AdminRoles.Reader)]
        public override Task<Api.ListSubcloudsResponse> ListSubclouds(Api.ListSubcloudsRequest request, ServerCallContext context) =>
            Task.FromResult(new Api.ListSubcloudsResponse());

        [Authorize(Policy = AdminRoles.Admin)]
        public override Task<Api.DeleteSubcloudResponse> DeleteSubcloud(Api.DeleteSubcloudRequest request, ServerCallContext context) =>
            Task.FromResult(new Api.DeleteSubcloudResponse { Name = request.Name });

        [Authorize(Policy = AdminRoles.Operator)]
        public override Task<Api.Subcloud> ManageSubcloud(Api.ManageSubcloudRequest request, ServerCallContext context) =>
            throw new DomainException(new DomainError("D-3", "availability", $"{request.Name} is offline", ErrorKind.FailedPrecondition));
    }
}
