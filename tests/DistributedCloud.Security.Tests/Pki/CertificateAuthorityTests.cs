using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Security.Tests.Pki;

/// <summary>The controller's CA (S-1, S-3): what it issues, what a trust bundle accepts, and the clock-skew allowance (S-8b).</summary>
public sealed class CertificateAuthorityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_agent_certificate_from_a_signing_request_names_the_subcloud_by_its_uri_and_carries_its_addresses_S3()
    {
        using var ca = CertificateAuthority.Create("test", TimeSpan.FromDays(3650), _time);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using (key)
        {
            using var issued = ca.IssueFromSigningRequest(request, PeerIdentity.Subcloud("subcloud1"), [IPAddress.Parse("fd01:1::2"), IPAddress.Parse("10.0.0.2")],
                TimeSpan.FromDays(365), CertificateUse.Server);

            Assert.Equal(PeerIdentity.Subcloud("subcloud1"), PeerIdentity.Of(issued));
            Assert.Equal(["dc://subcloud/subcloud1"], PeerIdentity.UrisOf(issued));
            var addresses = issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString());
            Assert.Equal(["fd01:1::2", "10.0.0.2"], addresses);
            // The key is the requester's: the authority never saw a private key.
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), issued.PublicKey.ExportSubjectPublicKeyInfo());
            Assert.True(new TrustBundle([ca.Certificate]).Validates(issued, _time.GetUtcNow(), TimeSpan.Zero, out var problem), problem);
        }
    }

    [Fact]
    public void A_signing_request_with_a_broken_signature_is_refused_and_nothing_is_issued()
    {
        using var ca = CertificateAuthority.Create("test", TimeSpan.FromDays(3650), _time);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        key.Dispose();
        request[^5] ^= 0x5A;

        Assert.ThrowsAny<CryptographicException>(() => ca.IssueFromSigningRequest(request, PeerIdentity.Subcloud("x"), [], TimeSpan.FromDays(1), CertificateUse.Server));
    }

    [Fact]
    public void Another_authoritys_certificate_is_not_trusted_S4()
    {
        using var ours = CertificateAuthority.Create("ours", TimeSpan.FromDays(3650), _time);
        using var theirs = CertificateAuthority.Create("theirs", TimeSpan.FromDays(3650), _time);
        using var foreign = theirs.IssueWithNewKey(PeerIdentity.Controller("other"), [], [], TimeSpan.FromDays(1), CertificateUse.Client);

        Assert.False(new TrustBundle([ours.Certificate]).Validates(foreign, _time.GetUtcNow(), TimeSpan.FromMinutes(5), out var problem));
        Assert.Contains("not issued by a trusted authority", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-4, true)]
    [InlineData(-6, false)]
    public void A_certificate_just_past_its_end_is_accepted_within_the_skew_and_refused_beyond_it_S8b(int minutesAfterEnd, bool accepted)
    {
        using var ca = CertificateAuthority.Create("test", TimeSpan.FromDays(3650), _time);
        using var issued = ca.IssueWithNewKey(PeerIdentity.Subcloud("s"), [], [], TimeSpan.FromHours(1), CertificateUse.Server);
        var now = new DateTimeOffset(issued.NotAfter.ToUniversalTime()) - TimeSpan.FromMinutes(minutesAfterEnd);

        Assert.Equal(accepted, new TrustBundle([ca.Certificate]).Validates(issued, now, TimeSpan.FromMinutes(5), out var problem));
        Assert.Equal(accepted, problem.Length == 0);
    }

    [Fact]
    public void The_authority_round_trips_through_its_pem_files_with_the_same_fingerprint_S1()
    {
        using var ca = CertificateAuthority.Create("test", TimeSpan.FromDays(3650), _time);
        var (certificate, key) = ca.ExportPem();

        using var loaded = CertificateAuthority.FromPem(certificate, key, _time);

        Assert.Equal(ca.Fingerprint, loaded.Fingerprint);
        Assert.Matches("^sha256:[0-9a-f]{64}$", loaded.Fingerprint);
        Assert.True(CertificateFingerprint.Matches(loaded.Certificate, ca.Fingerprint.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("dc://controller/a2dd-01", PeerKind.Controller, "a2dd-01", null, null)]
    [InlineData("dc://subcloud/edge-7", PeerKind.Subcloud, "edge-7", null, null)]
    [InlineData("dc://admin/operator/alice", PeerKind.Admin, "alice", AdminRole.Operator, null)]
    [InlineData("dc://access/edge-7/reader/bob", PeerKind.Access, "bob", AdminRole.Reader, "edge-7")]
    public void Identities_parse_from_their_uris_and_print_back_the_same(string uri, PeerKind kind, string name, AdminRole? role, string? scope)
    {
        Assert.True(PeerIdentity.TryParse(uri, out var identity));
        Assert.Equal(new PeerIdentity(kind, name, role, scope), identity);
        Assert.Equal(uri, identity!.ToString());
    }

    [Theory]
    [InlineData("https://subcloud/x")]
    [InlineData("dc://subcloud/")]
    [InlineData("dc://admin/root/alice")]
    [InlineData("dc://access/edge-7/reader")]
    [InlineData("dc://planet/x")]
    public void Anything_else_is_no_identity(string uri) => Assert.False(PeerIdentity.TryParse(uri, out _));
}
