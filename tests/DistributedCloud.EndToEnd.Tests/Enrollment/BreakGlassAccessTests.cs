using System.Globalization;
using System.Text.Json.Nodes;
using SubcloudAvailability = DistributedCloud.Contracts.Controller.V1.SubcloudAvailability;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Fleet;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using DistributedCloud.Testing;

namespace DistributedCloud.EndToEnd.Tests.Enrollment;

/// <summary>
/// S-5a break-glass access end to end: real controller, enrolled agent and dcctl processes on https only.
/// <c>dcctl subcloud access</c> writes a configuration the agent answers with the role asked for, even with the
/// controller stopped; a reader may not lock; another subcloud's and an expired access certificate are refused.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class BreakGlassAccessTests
{
    [Fact]
    public async Task S5a_an_access_certificate_from_subcloud_access_reaches_the_enrolled_agent_with_its_role_only()
    {
        using var files = new TempDirectory("dc-access-e2e");
        await using var controller = await ControllerProcess.StartAsync(new HostStart { Bootstrap = "fleet/controller.yaml", Environment = FleetFixture.FastSettings });
        var port = SiteHostProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var added = Ok(await controller.CtlAsync("-o", "json", "subcloud", "add", "subcloud1", "--bootstrap", BootstrapExamples.PathOf("fleet/subcloud1.yaml"),
            "--agent-address", "::1", "--port", port));
        var answer = JsonNode.Parse(added.StdOut)!;
        Ok(await controller.CtlAsync("subcloud", "add", "subcloud2", "--bootstrap", BootstrapExamples.PathOf("fleet/subcloud2.yaml"),
            "--agent-address", "::1", "--port", SiteHostProcess.FreePort().ToString(CultureInfo.InvariantCulture)));
        // A one-second clock skew on the agent, so a certificate that ended a few seconds ago is expired to it (S-8b).
        await using var agent = await AgentProcess.StartAsync(new HostStart
            {
                Bootstrap = "fleet/subcloud1.yaml",
                Port = int.Parse(port, CultureInfo.InvariantCulture),
                Environment = new Dictionary<string, string> { ["Security__ClockSkew"] = "00:00:01" },
            }
            .Enrolling((string)answer["join_token"]!, (string)answer["ca_fingerprint"]!));
        await controller.WaitForSubcloudAsync("subcloud1", s => s.CertificateState == "enrolled" && s.Availability == SubcloudAvailability.Online);

        var readerConfig = files.PathOf("reader.yaml");
        var issued = Ok(await controller.CtlAsync("-o", "json", "subcloud", "access", "subcloud1", "--role", "reader", "--expires", "10m", "--out", readerConfig));
        Assert.Equal("dc://access/subcloud1/reader/bootstrap-admin", (string?)JsonNode.Parse(issued.StdOut)!["identity"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(readerConfig));
        }

        var config = DcctlConfig.Parse(await File.ReadAllTextAsync(readerConfig));
        Assert.Equal($"https://[::1]:{port}", config.Agent);
        Assert.Null(config.Token);

        // Break-glass: it works with the controller gone.
        await controller.StopAsync();
        var hosts = await Dcctl.RunAsync("--config", readerConfig, "host-list");
        Assert.True(hosts.ExitCode == 0, hosts.ToString());
        Assert.Contains("controller-0", hosts.StdOut, StringComparison.Ordinal);
        var locked = await Dcctl.RunAsync("--config", readerConfig, "host-lock", "controller-1");
        Assert.True(locked.ExitCode == 5, locked.ToString());
        Assert.Contains("not permitted: 'bootstrap-admin'", locked.StdErr, StringComparison.Ordinal);
        Assert.Contains("operator", locked.StdErr, StringComparison.Ordinal);

        // Certificates the controller's CA signed but the agent must refuse: another subcloud's, an expired one.
        var pki = Path.Combine(controller.DataDirectory, "pki");
        var caPem = await File.ReadAllTextAsync(Path.Combine(pki, "ca.crt"));
        var caKey = await File.ReadAllTextAsync(Path.Combine(pki, "ca.key"));
        var other = await Signed(files.PathOf("other.yaml"), config, caPem, caKey, PeerIdentity.Access("subcloud2", "alice", AdminRole.Admin), TimeProvider.System, TimeSpan.FromHours(1));
        var refused = await Dcctl.RunAsync("--config", other, "host-list");
        Assert.True(refused.ExitCode == 5, refused.ToString());
        Assert.Contains("for subcloud 'subcloud2'", refused.StdErr, StringComparison.Ordinal);
        // The CA is seconds old, so the oldest certificate it can sign starts at its own start: one that lived one second then.
        DateTimeOffset caStart;
        using (var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(caPem))
        {
            caStart = new DateTimeOffset(ca.NotBefore.ToUniversalTime()) + CertificateAuthority.BackDating;
        }

        var expired = await Signed(files.PathOf("expired.yaml"), config, caPem, caKey, PeerIdentity.Access("subcloud1", "alice", AdminRole.Admin),
            new FixedTime(caStart), TimeSpan.FromSeconds(1));
        var late = await Dcctl.RunAsync("--config", expired, "host-list");
        Assert.True(late.ExitCode == 5, late.ToString());
        Assert.Contains("expired", late.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task S5a_subcloud_access_is_refused_for_a_lifetime_out_of_range_and_an_agent_not_enrolled_and_is_admin_only()
    {
        await using var controller = await ControllerProcess.StartAsync(new HostStart { Bootstrap = "fleet/controller.yaml", Environment = FleetFixture.FastSettings });
        Ok(await controller.CtlAsync("subcloud", "add", "subcloud1", "--bootstrap", BootstrapExamples.PathOf("fleet/subcloud1.yaml"),
            "--agent-address", "::1", "--port", SiteHostProcess.FreePort().ToString(CultureInfo.InvariantCulture)));
        using var files = new TempDirectory("dc-access-e2e");

        var tooLong = await controller.CtlAsync("subcloud", "access", "subcloud1", "--role", "admin", "--expires", "2d", "--out", files.PathOf("a.yaml"));
        var waiting = await controller.CtlAsync("subcloud", "access", "subcloud1", "--role", "admin", "--expires", "1h", "--out", files.PathOf("b.yaml"));
        var token = Ok(await controller.CtlAsync("-o", "json", "token", "create", "ops", "--role", "operator"));
        var secret = (string)JsonNode.Parse(token.StdOut)!["token"]!;
        var operatorCall = await Dcctl.RunAsync("--controller", controller.Url, "--config", controller.ConfigPath, "--token", secret,
            "subcloud", "access", "subcloud1", "--role", "reader", "--expires", "1h", "--out", files.PathOf("c.yaml"));

        Assert.True(tooLong.ExitCode == 1, tooLong.ToString());
        Assert.Contains("from 5m to 24h", tooLong.StdErr, StringComparison.Ordinal);
        Assert.True(waiting.ExitCode == 1, waiting.ToString());
        Assert.Contains("is not enrolled", waiting.StdErr, StringComparison.Ordinal);
        Assert.True(operatorCall.ExitCode == 5, operatorCall.ToString());
        Assert.False(File.Exists(files.PathOf("a.yaml")) || File.Exists(files.PathOf("b.yaml")) || File.Exists(files.PathOf("c.yaml")));
        var audit = Ok(await controller.CtlAsync("-o", "json", "audit", "list", "--identity", "ops"));
        Assert.Contains("IssueAccessCertificate", audit.StdOut, StringComparison.Ordinal);
    }

    /// <summary>A configuration like <paramref name="like"/> whose certificate the CA signed directly (what the controller would never issue).</summary>
    private static async Task<string> Signed(string path, DcctlConfig like, string caPem, string caKey, PeerIdentity identity, TimeProvider time, TimeSpan lifetime)
    {
        using var authority = CertificateAuthority.FromPem(caPem, caKey, time);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using (key)
        {
            using var certificate = authority.IssueFromSigningRequest(request, identity, [], lifetime, CertificateUse.Client);
            var config = new DcctlConfig { Agent = like.Agent, CaCertificate = like.CaCertificate, ClientCertificate = certificate.ExportCertificatePem(), ClientKey = key.ExportPkcs8PrivateKeyPem() };
            KeyFiles.WriteSecret(path, config.ToYaml("test"));
        }

        return path;
    }

    private static DcctlResult Ok(DcctlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
