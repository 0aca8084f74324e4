using System.Globalization;
using System.Text.Json;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Subclouds the way an operator brings them in (S-2): the subcloud added on the controller first (its agent's port
/// named in the add), then its agent started with the join token and CA fingerprint of the add's answer, enrolled by
/// the controller's first audit. The test's own calls to the agent then use an access certificate (S-5a).
/// </summary>
public static class EnrolledAgents
{
    /// <summary>Adds <paramref name="request"/> (its agent port set here) through the admin API and starts its agent enrolling.</summary>
    public static async Task<(Subcloud Added, AgentProcess Agent)> AddAsync(ControllerProcess controller, AddSubcloudRequest request, HostStart start)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(start);
        var port = SiteHostProcess.FreePort();
        request.AgentPort = (uint)port;
        var added = await controller.CallAsync((c, o) => c.AddSubcloudAsync(request, o));
        var agent = await AgentProcess.StartAsync(start.Enrolling(added.Enrollment.JoinToken, added.Enrollment.CaFingerprint) with { Port = port });
        agent.UseAccessOf(controller, request.Name);
        return (added, agent);
    }

    /// <summary>Runs <c>dcctl subcloud add NAME ... --port P -o json</c> with <paramref name="addArgs"/> and starts its agent with the answer's token.</summary>
    public static async Task<(DcctlResult Added, AgentProcess Agent)> AddWithDcctlAsync(ControllerProcess controller, string name, HostStart start, params string[] addArgs)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(start);
        var port = SiteHostProcess.FreePort();
        var added = await Dcctl.RunAsync(["--controller", controller.Url, "subcloud", "add", name, .. addArgs, "--port", port.ToString(CultureInfo.InvariantCulture), "-o", "json"]);
        Assert.True(added.ExitCode == 0, $"subcloud add {name}: {added}");
        using var answer = JsonDocument.Parse(added.StdOut);
        var agent = await AgentProcess.StartAsync(start.Enrolling(answer.RootElement.GetProperty("join_token").GetString()!,
            answer.RootElement.GetProperty("ca_fingerprint").GetString()!) with { Port = port });
        agent.UseAccessOf(controller, name);
        return (added, agent);
    }
}
