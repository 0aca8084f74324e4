using System.Reflection;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Controller.Platform;
using DistributedCloud.Controller.Service;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using DistributedCloud.Security.Clients;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authorization;
using Api = DistributedCloud.Contracts.Controller.V1;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Security;

/// <summary>
/// Identity and access on a real controller (S-6, S-7, S-8): every method of both services it serves, called without
/// credentials, with a reader's and an operator's token, and with expired and revoked tokens.
/// </summary>
public sealed class AdminAccessTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every method the controller serves, with the role its implementation declares (the server's own table).</summary>
    private static IEnumerable<(MethodDescriptor Method, string Role)> Methods() =>
        Roles(Api.SystemController.Descriptor, typeof(SystemControllerService)).Concat(Roles(V1.SubcloudAgent.Descriptor, typeof(ControllerSiteService)));

    [Fact]
    public async Task Every_method_refuses_a_caller_without_credentials_and_nothing_changes_S6()
    {
        await using var controller = await StartAsync();
        var before = await StateAsync(controller);
        using var anonymous = TestChannels.Create(controller.Url, WithToken(controller, null));

        var covered = 0;
        foreach (var (method, _) in Methods())
        {
            var refused = await CallAsync(anonymous, method);
            Assert.True(refused == StatusCode.Unauthenticated, $"{method.FullName} without credentials answered {refused}");
            covered++;
        }

        Assert.Equal(Api.SystemController.Descriptor.Methods.Count + V1.SubcloudAgent.Descriptor.Methods.Count, covered);
        Assert.Equal(before, await StateAsync(controller));
        var audit = await Admin(controller).ListAuditEventsAsync(new ListAuditEventsRequest { Limit = 1000 });
        Assert.Contains(audit.Events, e => e.Identity == "(anonymous)" && e.Method.Contains("AddSubcloud", StringComparison.Ordinal) && e.Outcome == AccessOutcome.Refused);
    }

    [Fact]
    public async Task A_reader_and_an_operator_are_refused_what_their_role_does_not_allow_naming_the_role_needed_S7()
    {
        await using var controller = await StartAsync();
        var admin = Admin(controller);
        var reader = (await admin.CreateTokenAsync(new CreateTokenRequest { Name = "rita", Role = Api.AdminRole.Reader })).Secret;
        var @operator = (await admin.CreateTokenAsync(new CreateTokenRequest { Name = "otto", Role = Api.AdminRole.Operator })).Secret;
        var before = await StateAsync(controller);

        foreach (var (caller, held) in new[] { (reader, "reader"), (@operator, "operator") })
        {
            using var channel = TestChannels.Create(controller.Url, WithToken(controller, caller));
            foreach (var (method, needed) in Methods().Where(m => Rank(m.Role) > Rank(held)))
            {
                var status = await CallAsync(channel, method);
                Assert.True(status == StatusCode.PermissionDenied, $"{held} calling {method.FullName} (needs {needed}) answered {status}");
            }
        }

        Assert.Equal(before, await StateAsync(controller));
        using var readerChannel = TestChannels.Create(controller.Url, WithToken(controller, reader));
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            new Api.SystemController.SystemControllerClient(readerChannel).DeleteSubcloudAsync(new DeleteSubcloudRequest { Name = "x" }).ResponseAsync);
        Assert.Contains("'rita' has role 'reader'", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("needs role 'admin' (S-7)", denied.Status.Detail, StringComparison.Ordinal);

        // What a role allows still works: a reader reads, an operator manages nothing here but reads too.
        Assert.NotNull(await new Api.SystemController.SystemControllerClient(readerChannel).ListSubcloudsAsync(new ListSubcloudsRequest()));
        var audit = await admin.ListAuditEventsAsync(new ListAuditEventsRequest { Identity = "rita", Limit = 1000 });
        Assert.Contains(audit.Events, e => e.Role == "reader" && e.Outcome == AccessOutcome.Refused && e.Method.Contains("DeleteSubcloud", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_and_revoked_tokens_are_refused_and_dcctl_exits_5_with_the_way_out_S6()
    {
        await using var controller = await StartAsync();
        var admin = Admin(controller);
        var expiring = (await admin.CreateTokenAsync(new CreateTokenRequest { Name = "brief", Role = Api.AdminRole.Admin, ExpiresIn = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) })).Secret;
        var revoked = (await admin.CreateTokenAsync(new CreateTokenRequest { Name = "gone", Role = Api.AdminRole.Admin })).Secret;
        Assert.Equal(0, (await Dcctl.RunAsync("--controller", controller.Url, "--config", controller.ConfigPath, "--token", revoked, "subcloud", "list")).ExitCode);
        await admin.RevokeTokenAsync(new RevokeTokenRequest { Name = "gone" });
        await Task.Delay(TimeSpan.FromSeconds(2));

        foreach (var (token, why) in new[] { (expiring, "expired"), (revoked, "revoked"), ("dcat_not-a-token-of-this-controller", "not known") })
        {
            var result = await Dcctl.RunAsync("--controller", controller.Url, "--config", controller.ConfigPath, "--token", token, "subcloud", "list");
            Assert.Equal(5, result.ExitCode);
            Assert.Contains("not authenticated", result.StdErr, StringComparison.Ordinal);
            Assert.Contains(why, result.StdErr, StringComparison.Ordinal);
            Assert.Contains("dcctl.yaml", result.StdErr, StringComparison.Ordinal);
        }

        // Without the controller's CA, dcctl refuses the server's certificate and says where the configuration is.
        var untrusted = await Dcctl.RunAsync("--controller", controller.Url, "--token", revoked, "subcloud", "list");
        Assert.Equal(5, untrusted.ExitCode);
        Assert.Contains("TLS handshake failed", untrusted.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_start_writes_an_owner_only_bootstrap_token_and_config_and_dcctl_show_names_the_CA_S1_S6()
    {
        await using var controller = await StartAsync();

        foreach (var file in new[] { "access/dcctl.yaml", "access/admin-token", "pki/ca.key", "pki/controller.key" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(controller.DataDirectory, file)));
        }

        var show = await Dcctl.RunAsync("--controller", controller.Url, "show", "-o", "json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(show.StdOut);
        var fingerprint = json.RootElement.GetProperty("ca_fingerprint").GetString()!;
        Assert.StartsWith("sha256:", fingerprint, StringComparison.Ordinal);
        Assert.Contains($"Certificate authority {fingerprint} created", controller.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Config(controller).Token!, controller.Output, StringComparison.Ordinal);
    }

    private static Task<ControllerProcess> StartAsync() =>
        ControllerProcess.StartAsync(new HostStart { Bootstrap = Path.Combine("fleet", "controller.yaml") });

    private static DcctlConfig Config(ControllerProcess controller) => DcctlConfig.Parse(File.ReadAllText(controller.ConfigPath));

    /// <summary>The controller's CA with another token (or none).</summary>
    private static DcctlConfig WithToken(ControllerProcess controller, string? token) => new() { CaCertificate = Config(controller).CaCertificate, Token = token };

    private static Api.SystemController.SystemControllerClient Admin(ControllerProcess controller) => new(controller.Channel());

    /// <summary>What a refused call could have changed: the subclouds, the tokens, the own site's pools.</summary>
    private static async Task<string> StateAsync(ControllerProcess controller)
    {
        var admin = Admin(controller);
        var subclouds = await admin.ListSubcloudsAsync(new ListSubcloudsRequest());
        var tokens = await admin.ListTokensAsync(new ListTokensRequest());
        var pools = await controller.PlatformAsync((c, o) => c.ListAddressPoolsAsync(new V1.ListAddressPoolsRequest(), o));
        return $"{subclouds}\n{string.Join(",", tokens.Tokens.Select(t => $"{t.Name}:{t.State}"))}\n{pools}";
    }

    /// <summary>Calls <paramref name="method"/> with an empty request (authorization answers before the request is read).</summary>
    private static async Task<StatusCode> CallAsync(GrpcChannel channel, MethodDescriptor method)
    {
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var call = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var headers = new Metadata { { "dc-controller-id", "dcctl" }, { "dc-leadership-epoch", "0" } };
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(20));
        try
        {
            if (method.IsServerStreaming)
            {
                using var stream = channel.CreateCallInvoker().AsyncServerStreamingCall(call, null, options, []);
                await stream.ResponseStream.MoveNext(CancellationToken.None);
            }
            else
            {
                await channel.CreateCallInvoker().AsyncUnaryCall(call, null, options, []);
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static IEnumerable<(MethodDescriptor, string)> Roles(ServiceDescriptor service, Type implementation) =>
        service.Methods.Select(m => (m, implementation.GetMethod(m.Name, BindingFlags.Public | BindingFlags.Instance)!
            .GetCustomAttributes<AuthorizeAttribute>(inherit: true).Single().Policy!));

    private static int Rank(string role) => role switch { "reader" => 1, "operator" => 2, _ => 3 };
}
