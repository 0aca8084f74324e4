using System.Net;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.Controller.Tests.Enrollment;

/// <summary>
/// What the controller accepts from an agent it dials (S-3, S-4): a certificate of its own CA naming the subcloud it
/// dialled, with a serial the enrollment accepts for that subcloud now. Another subcloud's certificate, another CA's,
/// a revoked one are refused with the reason; development mode dials loopback agents in plaintext only.
/// </summary>
public sealed class AgentTlsTests
{
    [Fact]
    public async Task S3_S4_the_subclouds_own_enrolled_certificate_is_accepted()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var certificate = await fixture.EnrollAsync(subcloud, grant.Token);
        var tls = Tls(fixture);

        Assert.True(tls.Validate("sub1", "[fd01:1::1]:50052", certificate));
        Assert.Equal(certificate.SerialNumber, tls.PresentedSerial("sub1"));
        Assert.Null(tls.LastRefusal("sub1"));
        Assert.Null(tls.Unready(subcloud));
    }

    [Fact]
    public async Task S3_a_certificate_of_another_subcloud_is_refused()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (first, firstGrant) = await fixture.AddAsync("sub1", 1);
        var (_, secondGrant) = await fixture.AddAsync("sub2", 2);
        using var firstCertificate = await fixture.EnrollAsync(first, firstGrant.Token);
        var tls = Tls(fixture);

        Assert.False(tls.Validate("sub2", "[fd01:2::1]:50052", firstCertificate));

        Assert.Contains("names dc://subcloud/sub1, not dc://subcloud/sub2", tls.LastRefusal("sub2"), StringComparison.Ordinal);
        Assert.False(tls.PresentsForeignCertificate("sub2"));
        Assert.True(secondGrant.Token.Id.Length > 0);
    }

    [Fact]
    public async Task S4_a_certificate_of_another_CA_is_refused_and_taken_for_an_agent_waiting_for_enrollment()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        await fixture.AddAsync("sub1", 1);
        using var stranger = CertificateAuthority.Create("another controller", TimeSpan.FromDays(10), fixture.Db.Time);
        using var forged = stranger.IssueWithNewKey(PeerIdentity.Subcloud("sub1"), [IPAddress.IPv6Loopback], [], TimeSpan.FromDays(1), CertificateUse.Server);
        using var temporary = SelfSignedCertificate.Create("waiting", [IPAddress.IPv6Loopback], [], TimeSpan.FromDays(1), fixture.Db.Time);
        var tls = Tls(fixture);

        Assert.False(tls.Validate("sub1", "[fd01:1::1]:50052", forged));
        Assert.Contains("not issued by a trusted authority", tls.LastRefusal("sub1"), StringComparison.Ordinal);
        Assert.True(tls.PresentsForeignCertificate("sub1"));
        Assert.False(tls.Validate("sub1", "[fd01:1::1]:50052", temporary));
        Assert.False(tls.Validate("sub1", "[fd01:1::1]:50052", null));
        Assert.Contains("no certificate", tls.LastRefusal("sub1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_a_revoked_certificate_is_refused_at_the_next_handshake_and_the_subcloud_is_not_dialled()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var certificate = await fixture.EnrollAsync(subcloud, grant.Token);
        var tls = Tls(fixture);

        await fixture.Enrollment.RevokeAsync("sub1");

        Assert.False(tls.Validate("sub1", "[fd01:1::1]:50052", certificate));
        Assert.Contains("not one the controller accepts now", tls.LastRefusal("sub1"), StringComparison.Ordinal);
        Assert.Contains("revoked", tls.Unready(subcloud), StringComparison.Ordinal);
        using var channels = new AgentChannels(new AgentClientOptions { ControllerId = "controller-test" }, tls: tls);
        var refused = Assert.Throws<Grpc.Core.RpcException>(() => channels.InvokerFor(subcloud));
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("waiting for enrollment", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, channels.Count);
    }

    [Fact]
    public async Task S2_a_subcloud_not_enrolled_yet_is_not_dialled_and_says_it_waits_for_enrollment()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        var tls = Tls(fixture);

        var unready = tls.Unready(subcloud);

        Assert.StartsWith("waiting for enrollment", unready, StringComparison.Ordinal);
        Assert.Contains($"join token {grant.Token.Id}", unready, StringComparison.Ordinal);
        Assert.DoesNotContain(grant.Token.Secret, unready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S4_development_mode_dials_only_loopback_agents_in_plaintext()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, _) = await fixture.AddAsync("sub1", 1);
        var development = new AgentTls(fixture.Pki, fixture.Enrollment, developmentMode: true, TimeSpan.FromMinutes(5));

        Assert.True(development.Secures(subcloud));
        Assert.False(development.Secures(subcloud with { Agent = new Core.Subclouds.AgentEndpoint(IPAddress.IPv6Loopback, 50052) }));
        Assert.True(Tls(fixture).Secures(subcloud with { Agent = new Core.Subclouds.AgentEndpoint(IPAddress.IPv6Loopback, 50052) }));
    }

    private static AgentTls Tls(EnrollmentFixture fixture) => new(fixture.Pki, fixture.Enrollment, developmentMode: false, TimeSpan.FromMinutes(5));
}
