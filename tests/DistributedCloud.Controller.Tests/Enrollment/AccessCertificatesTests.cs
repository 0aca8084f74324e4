using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;

namespace DistributedCloud.Controller.Tests.Enrollment;

/// <summary>
/// S-5a break-glass access certificates: issued by the controller's CA for the caller's own key, naming
/// dc://access/SUBCLOUD/ROLE/CALLER, client use only, 5m..24h, only for an enrolled subcloud; nothing stored.
/// </summary>
public sealed class AccessCertificatesTests
{
    [Fact]
    public async Task S5a_an_enrolled_subcloud_gets_a_client_certificate_for_the_callers_key_naming_subcloud_role_and_caller()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var agent = await fixture.EnrollAsync(subcloud, grant.Token);
        var before = fixture.Db.Dump();
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using var _ = key;

        var issued = await Access(fixture).IssueAsync("sub1", AdminRole.Operator, TimeSpan.FromHours(2), request, "alice");

        using var certificate = issued.Certificate;
        Assert.Equal(PeerIdentity.Access("sub1", "alice", AdminRole.Operator), PeerIdentity.Of(certificate));
        Assert.Equal("dc://access/sub1/operator/alice", issued.Identity.ToString());
        Assert.True(issued.Trust.Validates(certificate, Fleet.Start, TimeSpan.Zero, out var problem), problem);
        Assert.Equal(Fleet.Start + TimeSpan.FromHours(2), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        using (var publicKey = certificate.GetECDsaPublicKey()!)
        {
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());
        }

        Assert.Equal(subcloud.Agent, issued.Agent);
        Assert.StartsWith("https://[", issued.Agent.SecureUrl, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Db.Dump());
    }

    [Theory]
    [InlineData(4 * 60 + 59)]
    [InlineData(24 * 3600 + 1)]
    [InlineData(0)]
    public async Task S5a_a_lifetime_outside_5m_to_24h_is_refused_naming_the_range(int seconds)
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var agent = await fixture.EnrollAsync(subcloud, grant.Token);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using var _ = key;

        var refused = await Assert.ThrowsAsync<DomainException>(() => Access(fixture).IssueAsync("sub1", AdminRole.Reader, TimeSpan.FromSeconds(seconds), request, "alice"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("S-5a", "expires", ErrorKind.Invalid), (error.Rule, error.Field, error.Kind));
        Assert.Contains("from 5m to 24h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S5a_no_role_a_broken_request_and_a_bad_lifetime_are_all_named_at_once()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Access(fixture).IssueAsync("sub1", default, TimeSpan.FromDays(2), [1, 2, 3], "alice"));

        Assert.Equal(["role", "expires", "signing_request"], refused.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task S5a_a_subcloud_not_enrolled_yet_or_unknown_gets_no_access_certificate()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        await fixture.AddAsync("sub1", 1);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using var _ = key;

        var waiting = await Assert.ThrowsAsync<DomainException>(() => Access(fixture).IssueAsync("sub1", AdminRole.Reader, TimeSpan.FromHours(1), request, "alice"));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Access(fixture).IssueAsync("nope", AdminRole.Reader, TimeSpan.FromHours(1), request, "alice"));

        Assert.Equal(ErrorKind.FailedPrecondition, Assert.Single(waiting.Errors).Kind);
        Assert.Contains("is not enrolled", waiting.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.NotFound, Assert.Single(unknown.Errors).Kind);
    }

    private static AccessCertificates Access(EnrollmentFixture fixture) => new(fixture.Registry, fixture.Enrollment, fixture.Pki);
}
