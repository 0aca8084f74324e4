using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using DistributedCloud.Security.Pki;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Enrollment;

/// <summary>
/// Enrollment end to end (S-2, S-3, S-4), real processes as production runs them: a controller listening on https only,
/// agents started with the join token its AddSubcloud answered, the controller dialling them over mutual TLS on their
/// primary family (N-35).
/// </summary>
[Collection(AgentCollection.Name)]
public sealed partial class EnrollmentTests
{
    [Fact]
    public async Task S2_S4_an_agent_started_with_the_token_of_subcloud_add_is_enrolled_and_answers_over_mutual_TLS_on_the_primary_family()
    {
        await using var controller = await SecureHost.StartControllerAsync();
        using var admin = new AdminClient(controller);
        var port = SecureHost.FreePort();

        var added = await admin.AddAsync("subcloud1", "fleet/subcloud1.yaml", port);

        var enrollment = added.Enrollment;
        Assert.Equal(controller.CaFingerprint(), enrollment.CaFingerprint);
        Assert.Equal($"https://[::1]:{port}", enrollment.AgentSettings["listen"]);
        Assert.Equal(enrollment.JoinToken, enrollment.AgentSettings["join-token"]);
        Assert.Equal("waiting for enrollment", added.CertificateState);
        // Shown once: a later read of the subcloud does not carry the token.
        Assert.Null((await admin.GetAsync("subcloud1")).Enrollment);

        await using var agent = await SecureHost.StartAgentAsync(port, "fleet/subcloud1.yaml", enrollment.JoinToken, enrollment.CaFingerprint);
        var online = await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online, controller);

        Assert.Equal("enrolled", online.CertificateState);
        using (var certificate = agent.AgentCertificate())
        {
            Assert.NotNull(certificate);
            Assert.Equal(PeerIdentity.Subcloud("subcloud1"), PeerIdentity.Of(certificate!));
            Assert.True(admin.Trust.Validates(certificate!, DateTimeOffset.UtcNow, TimeSpan.Zero, out var problem), problem);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, FileMode(Path.Combine(agent.PkiDirectory, "agent.key")));
        Assert.Contains("Enrolled as subcloud subcloud1 by dc://controller/", agent.Output, StringComparison.Ordinal);
        // N-35: a forwarded call arrives over the primary family; every call the agent recorded did.
        var site = await admin.SubcloudSiteAsync("subcloud1");
        Assert.Equal(V1.AddressFamily.Ipv6, site.ArrivalFamily);
        var arrivals = ArrivalLine().Matches(agent.Output).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(arrivals);
        Assert.All(arrivals, family => Assert.Equal("ipv6", family));
        Assert.DoesNotContain(enrollment.JoinToken.Split('.')[1], agent.Output + controller.Output, StringComparison.Ordinal);

        // S-4: the enrolled agent serves only callers with a certificate of its trust bundle.
        using (var anonymous = AdminClient.Channel(agent.Url, admin.Trust, client: null))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => new V1.SubcloudAgent.SubcloudAgentClient(anonymous)
                .GetSiteAsync(new V1.GetSiteRequest(), SiteHostProcess.PlatformCall()).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        // A restart with the same token (as a unit file keeps it) is still the enrolled agent: no second enrollment.
        var serial = agent.AgentCertificate()!.SerialNumber;
        Assert.Equal(0, await agent.StopAsync());
        await using var restarted = await SecureHost.StartAgentAsync(port, null, enrollment.JoinToken, enrollment.CaFingerprint, agent.DataDirectory);
        Assert.Contains("Enrolled agent of subcloud subcloud1", restarted.Output, StringComparison.Ordinal);
        await WaitAsync(() => CallsArrived(restarted), "the controller calls the restarted agent", controller);
        Assert.Equal(serial, restarted.AgentCertificate()!.SerialNumber);
        Assert.Equal("enrolled", (await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online, controller)).CertificateState);
        Assert.DoesNotContain("Waiting for enrollment", restarted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_a_token_of_another_subcloud_a_replaced_or_used_token_and_an_expired_token_are_refused_and_nothing_is_issued()
    {
        await using var controller = await SecureHost.StartControllerAsync();
        using var admin = new AdminClient(controller);
        var port1 = SecureHost.FreePort();
        var port2 = SecureHost.FreePort();
        var first = (await admin.AddAsync("subcloud1", "fleet/subcloud1.yaml", port1)).Enrollment;
        var second = (await admin.AddAsync("subcloud2", "fleet/subcloud2.yaml", port2)).Enrollment;

        // subcloud2's token at subcloud1's address.
        await using (var wrong = await SecureHost.StartAgentAsync(port1, "fleet/subcloud1.yaml", second.JoinToken, second.CaFingerprint))
        {
            var refused = await admin.WaitForAsync("subcloud1", s => s.ErrorDescription.Contains("belongs to subcloud 'subcloud2', not 'subcloud1'", StringComparison.Ordinal), controller);
            Assert.Equal(SubcloudAvailability.Offline, refused.Availability);
            Assert.Contains("nothing was issued", refused.ErrorDescription, StringComparison.Ordinal);
            Assert.Null(wrong.AgentCertificate());
            Assert.Contains("Enrollment of subcloud subcloud1 refused, nothing issued", controller.Output, StringComparison.Ordinal);
        }

        // Its own token enrolls it.
        await using (var right = await SecureHost.StartAgentAsync(port1, "fleet/subcloud1.yaml", first.JoinToken, first.CaFingerprint))
        {
            await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online, controller);
        }

        var enrolled = await admin.GetAsync("subcloud1");
        // The used token again, on a fresh agent at that address: the controller has no token to enroll with, so it
        // tries nothing; after 'enroll' it has one, and the old token is refused.
        var renewed = (await admin.CallAsync((c, o) => c.EnrollSubcloudAsync(new EnrollSubcloudRequest { Name = "subcloud1" }, o))).Enrollment;
        Assert.NotEqual(first.JoinToken, renewed.JoinToken);
        await using (var reused = await SecureHost.StartAgentAsync(port1, "fleet/subcloud1.yaml", first.JoinToken, first.CaFingerprint))
        {
            var refused = await admin.WaitForAsync("subcloud1", s => s.ErrorDescription.Contains("is not subcloud 'subcloud1''s current join token", StringComparison.Ordinal), controller);
            Assert.Null(reused.AgentCertificate());
            Assert.Equal(enrolled.CertificateExpires, refused.CertificateExpires);
        }

        // An expired token.
        var expiring = (await admin.CallAsync((c, o) => c.EnrollSubcloudAsync(new EnrollSubcloudRequest
        {
            Name = "subcloud2",
            TokenExpires = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        }, o))).Enrollment;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using (var late = await SecureHost.StartAgentAsync(port2, "fleet/subcloud2.yaml", expiring.JoinToken, expiring.CaFingerprint))
        {
            var refused = await admin.WaitForAsync("subcloud2", s => s.ErrorDescription.Contains("expired at", StringComparison.Ordinal), controller);
            Assert.Equal("waiting for enrollment", refused.CertificateState);
            Assert.Contains("dcctl subcloud enroll subcloud2", refused.ErrorDescription, StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Null(late.AgentCertificate());
        }
    }

    [Fact]
    public async Task S3_the_controller_refuses_an_agent_presenting_another_subclouds_certificate_and_a_revoked_one_at_once()
    {
        await using var controller = await SecureHost.StartControllerAsync();
        using var admin = new AdminClient(controller);
        var port1 = SecureHost.FreePort();
        var port2 = SecureHost.FreePort();
        var first = (await admin.AddAsync("subcloud1", "fleet/subcloud1.yaml", port1)).Enrollment;
        var second = (await admin.AddAsync("subcloud2", "fleet/subcloud2.yaml", port2)).Enrollment;
        await using var agent1 = await SecureHost.StartAgentAsync(port1, "fleet/subcloud1.yaml", first.JoinToken, first.CaFingerprint);
        await using var agent2 = await SecureHost.StartAgentAsync(port2, "fleet/subcloud2.yaml", second.JoinToken, second.CaFingerprint);
        await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online, controller);
        await admin.WaitForAsync("subcloud2", s => s.Availability == SubcloudAvailability.Online, controller);

        // subcloud2's address now served by an agent holding subcloud1's certificate.
        await agent2.StopAsync();
        var copy = SecureHost.NewDirectory();
        CopyDirectory(agent1.PkiDirectory, Path.Combine(copy, "pki"));
        await using var impostor = await SecureHost.StartAgentAsync(port2, "fleet/subcloud2.yaml", dataDirectory: copy);
        try
        {
            var refused = await admin.WaitForAsync("subcloud2", s => s.Availability == SubcloudAvailability.Offline
                && s.ErrorDescription.Contains("names dc://subcloud/subcloud1, not dc://subcloud/subcloud2", StringComparison.Ordinal), controller);
            Assert.Contains("presented a certificate the controller refuses", refused.ErrorDescription, StringComparison.Ordinal);
            Assert.Contains("Enrolled agent of subcloud subcloud1", impostor.Output, StringComparison.Ordinal);
            Assert.DoesNotMatch(ArrivalLine(), impostor.Output);
            Assert.Equal(SubcloudAvailability.Online, (await admin.GetAsync("subcloud1")).Availability);
        }
        finally
        {
            await impostor.DisposeAsync();
            Directory.Delete(copy, recursive: true);
        }

        // Revocation: the controller refuses subcloud1's certificate at once.
        var revoked = await admin.CallAsync((c, o) => c.RevokeSubcloudAsync(new RevokeSubcloudRequest { Name = "subcloud1" }, o));
        Assert.Equal("revoked", revoked.CertificateState);
        var forwarded = await Assert.ThrowsAsync<RpcException>(() => admin.SubcloudSiteAsync("subcloud1"));
        Assert.Equal(StatusCode.Unavailable, forwarded.StatusCode);
        Assert.Contains("revoked", forwarded.Status.Detail, StringComparison.Ordinal);
        var offline = await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Offline, controller, TimeSpan.FromSeconds(20));
        Assert.Contains("revoked", offline.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_a_short_lived_certificate_is_renewed_before_it_expires_and_no_audit_fails()
    {
        var httpPort = SecureHost.FreePort();
        var noSkew = new Dictionary<string, string> { ["Security__ClockSkew"] = "0s" };
        await using var controller = await SecureHost.StartControllerAsync(
            new Dictionary<string, string>(noSkew) { ["Subclouds__CertificateLifetime"] = "30s" },
            ["--http-listen", $"http://127.0.0.1:{httpPort}"]);
        using var admin = new AdminClient(controller);
        var port = SecureHost.FreePort();
        var enrollment = (await admin.AddAsync("subcloud1", "fleet/subcloud1.yaml", port)).Enrollment;
        await using var agent = await SecureHost.StartAgentAsync(port, "fleet/subcloud1.yaml", enrollment.JoinToken, enrollment.CaFingerprint, environment: noSkew);
        await admin.WaitForAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online, controller);
        using var first = agent.AgentCertificate()!;
        var failedBefore = await FailedAuditsAsync(httpPort);

        // Past the first certificate's end (30 s, no skew allowed): renewed at two thirds, and again.
        var serials = new HashSet<string>(StringComparer.Ordinal) { first.SerialNumber };
        var until = first.NotAfter.ToUniversalTime() + TimeSpan.FromSeconds(8);
        while (DateTime.UtcNow < until)
        {
            var subcloud = await admin.GetAsync("subcloud1");
            Assert.True(subcloud.Availability == SubcloudAvailability.Online, $"{subcloud}\n{controller.Output}");
            using (var current = agent.AgentCertificate())
            {
                serials.Add(current!.SerialNumber);
            }

            await Task.Delay(500);
        }

        Assert.True(serials.Count >= 2, $"the certificate was not renewed\n{controller.Output}\n{agent.Output}");
        Assert.Contains("Certificate of subcloud subcloud1 renewed", agent.Output, StringComparison.Ordinal);
        Assert.Contains("presents its renewed certificate", controller.Output, StringComparison.Ordinal);
        Assert.Equal(failedBefore, await FailedAuditsAsync(httpPort));
        var now = await admin.GetAsync("subcloud1");
        Assert.True(now.CertificateExpires.ToDateTime() > DateTime.UtcNow, now.ToString());
    }

    [Fact]
    public async Task S3_an_agent_started_with_an_expired_certificate_refuses_to_start_and_says_it_must_be_re_enrolled()
    {
        var directory = SecureHost.NewDirectory();
        try
        {
            var pki = Path.Combine(directory, "pki");
            var past = new FixedTime(DateTimeOffset.UtcNow - TimeSpan.FromDays(10));
            using var ca = CertificateAuthority.Create("expired test CA", TimeSpan.FromDays(100), past);
            using var issued = ca.IssueWithNewKey(PeerIdentity.Subcloud("subcloud1"), [System.Net.IPAddress.IPv6Loopback], [], TimeSpan.FromDays(1), CertificateUse.Server);
            KeyFiles.WriteCertificateWithKey(issued, Path.Combine(pki, "agent.crt"), Path.Combine(pki, "agent.key"));
            KeyFiles.WriteSecret(Path.Combine(pki, "trust.pem"), new TrustBundle([ca.Certificate]).ToPem());
            string[] args = ["--data-dir", directory, "--bootstrap", BootstrapExamples.PathOf("fleet/subcloud1.yaml"), "--listen", $"https://[::1]:{SecureHost.FreePort()}"];

            var (exitCode, stdout, stderr) = await SecureHost.RunToExitAsync(SecureHost.Agent, args);

            Assert.True(exitCode == 1, $"exit {exitCode}\n{stdout}\n{stderr}");
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("the certificate of subcloud 'subcloud1'", line, StringComparison.Ordinal);
            Assert.Contains("must be re-enrolled: run 'dcctl subcloud enroll subcloud1' on the controller, then restart this agent with --join-token", line, StringComparison.Ordinal);

            // With a new join token it starts and waits for enrollment.
            await using var waiting = await SecureHost.StartAgentAsync(SecureHost.FreePort(), "fleet/subcloud1.yaml", "0123456789ab.abcdefghijklmnopqrstuvwxyz012345",
                CertificateFingerprint.Of(ca.Certificate), directory);
            Assert.Contains("Waiting for enrollment", waiting.Output, StringComparison.Ordinal);
            using var anonymous = AdminClient.Channel(waiting.Url, trust: null, client: null);
            var refused = await Assert.ThrowsAsync<RpcException>(() => new V1.SubcloudAgent.SubcloudAgentClient(anonymous)
                .GetSiteAsync(new V1.GetSiteRequest(), SiteHostProcess.PlatformCall()).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            Assert.Contains("waiting for enrollment", refused.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task S2_a_join_token_without_its_fingerprint_or_in_a_wrong_form_is_refused_at_start_every_problem_listed()
    {
        var directory = SecureHost.NewDirectory();
        string[] args =
        [
            "--data-dir", directory, "--bootstrap", BootstrapExamples.PathOf("fleet/subcloud1.yaml"), "--listen", $"https://[::1]:{SecureHost.FreePort()}",
            "--join-token", "not-a-token-secret-value",
        ];

        var (exitCode, _, stderr) = await SecureHost.RunToExitAsync(SecureHost.Agent, args);
        var (badFingerprint, _, stderr2) = await SecureHost.RunToExitAsync(SecureHost.Agent,
            [.. args[..6], "--join-token", "0123456789ab.abcdefghijklmnopqrstuvwxyz012345", "--ca-fingerprint", "sha256:1234"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Agent:JoinToken (--join-token) and Agent:CaFingerprint (--ca-fingerprint) go together", stderr, StringComparison.Ordinal);
        Assert.Contains("Agent:JoinToken (--join-token) is not a join token", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token-secret-value", stderr, StringComparison.Ordinal);
        Assert.Equal(2, badFingerprint);
        Assert.Contains("Agent:CaFingerprint (--ca-fingerprint) 'sha256:1234' is not a certificate fingerprint", stderr2, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    [GeneratedRegex(@"Call \w+ arrived over (ipv4|ipv6)")]
    private static partial Regex ArrivalLine();

    private static bool CallsArrived(SecureHost agent) => ArrivalLine().IsMatch(agent.Output);

    private static async Task WaitAsync(Func<bool> done, string what, SecureHost controller)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen\n{controller.Output}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<double> FailedAuditsAsync(int httpPort)
    {
        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics")));
        return metrics.Sum("dc_controller_audit_calls_total", ("outcome", "failed")) + metrics.Sum("dc_controller_audit_calls_total", ("outcome", "deadline"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }

    /// <summary>The file's permission bits (the product runs on Linux; key files are owner-only, S-10).</summary>
    private static UnixFileMode FileMode(string path) => OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
