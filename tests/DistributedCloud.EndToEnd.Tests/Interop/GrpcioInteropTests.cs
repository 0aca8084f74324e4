using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Interop;

/// <summary>
/// The agent and the controller on the official .NET gRPC stack, called by the official Python implementation with
/// nothing but protos/ and the standard health and reflection protos: what grpcurl, load balancers and other
/// languages' clients see.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class GrpcioInteropTests
{
    [Fact]
    public async Task The_agent_answers_health_reflection_and_its_platform_calls_to_grpcio_and_an_unknown_method_is_unimplemented()
    {
        await using var agent = await AgentProcess.StartAsync();

        Assert.Equal("SERVING", (await GrpcioClient.RunAsync(agent.Url, "health")).GetProperty("status").GetString());

        var reflection = await GrpcioClient.RunAsync(agent.Url, "services");
        Assert.Contains("distributedcloud.agent.v1.SubcloudAgent", reflection.Strings("services"));
        Assert.Contains("grpc.health.v1.Health", reflection.Strings("services"));
        Assert.Contains("GetSite", reflection.Strings("subcloud_agent_methods"));
        Assert.Contains("ApplyNetworkChange", reflection.Strings("subcloud_agent_methods"));

        Assert.Equal("UNIMPLEMENTED", (await GrpcioClient.RunAsync(agent.Url, "unknown")).Code());

        var site = await GrpcioClient.RunAsync(agent.Url, "get-site");
        Assert.Equal(("OK", "ADDRESS_FAMILY_IPV6", "ADDRESS_FAMILY_IPV6"), (site.Code(), site.GetProperty("primary_family").GetString(), site.GetProperty("arrival_family").GetString()));
        Assert.Equal(["controller-0", "controller-1"], site.Strings("hosts"));
    }

    [Fact]
    public async Task A_refused_addrpool_add_carries_every_violation_with_field_value_and_rule_to_grpcio_and_to_dcctl()
    {
        await using var agent = await AgentProcess.StartAsync();

        var refused = await GrpcioClient.RunAsync(agent.Url, "bad-pool");

        Assert.Equal("INVALID_ARGUMENT", refused.Code());
        var violations = refused.Violations();
        Assert.True(violations.Count >= 2, string.Join("\n", violations));
        Assert.All(violations, v => Assert.Matches(@"^[A-Z]-\d+$", v.Reason));
        Assert.Contains(violations, v => v.Field.Contains("floating", StringComparison.Ordinal) && v.Description.Contains("10.10.99.1", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Field.Contains("gateway", StringComparison.Ordinal) && v.Description.Contains("not-an-address", StringComparison.Ordinal));
        Assert.Contains(refused.GetProperty("details").EnumerateArray(), d => d.GetProperty("type").GetString() == "google.rpc.ErrorInfo");

        var dcctl = await Dcctl.RunAsync("--agent", agent.Url, "addrpool-add", "interop-pool", "10.10.30.0", "24",
            "--floating-address", "10.10.99.1", "--gateway-address", "not-an-address");
        Assert.Equal(1, dcctl.ExitCode);
        foreach (var (field, description, reason) in violations)
        {
            Assert.Contains($"dcctl: {field}: {description} [{reason}]", dcctl.StdErr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("interop-pool", (await GrpcioClient.RunAsync(agent.Url, "get-site")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_controller_serves_the_platform_API_for_its_own_site_its_admin_API_health_and_reflection_and_forwards_by_dc_subcloud()
    {
        await using var controller = await ControllerProcess.StartAsync(new HostStart { Bootstrap = Path.Combine("fleet", "controller.yaml") });

        Assert.Equal("SERVING", (await GrpcioClient.RunAsync(controller.Url, "health")).GetProperty("status").GetString());
        var services = (await GrpcioClient.RunAsync(controller.Url, "services")).Strings("services");
        Assert.Contains("distributedcloud.agent.v1.SubcloudAgent", services);
        Assert.Contains("distributedcloud.controller.v1.SystemController", services);

        var own = await GrpcioClient.RunAsync(controller.Url, "get-site");
        Assert.Equal("OK", own.Code());
        Assert.Equal("OK", (await GrpcioClient.RunAsync(controller.Url, "subclouds")).Code());

        // A platform call naming an unknown subcloud is not forwarded anywhere: NOT_FOUND naming it.
        var unknown = await GrpcioClient.RunAsync(controller.Url, "get-site", "nosuch");
        Assert.Equal("NOT_FOUND", unknown.Code());
        Assert.Contains("nosuch", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);

        var refused = await GrpcioClient.RunAsync(controller.Url, "bad-pool");
        Assert.Equal("INVALID_ARGUMENT", refused.Code());
        Assert.NotEmpty(refused.Violations());
    }
}
