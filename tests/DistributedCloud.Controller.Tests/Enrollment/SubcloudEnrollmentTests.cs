using System.Net;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Controller.Tests.Enrollment;

/// <summary>
/// The controller's enrollment on a real store (S-2, S-3): a join token with each subcloud, a certificate only for a
/// request proved with the subcloud's current, unused, unexpired and unrevoked token (a refusal issues and records
/// nothing but the refusal), renewal accepting the old and the new certificate until the agent presents the new one,
/// revocation, deletion.
/// </summary>
public sealed class SubcloudEnrollmentTests
{
    [Fact]
    public async Task S2_adding_a_subcloud_makes_a_one_time_join_token_stored_only_as_a_hash()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();

        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);

        Assert.True(JoinToken.TryParse(grant.Token.ToString(), out _));
        Assert.Equal(fixture.Pki.Fingerprint, grant.CaFingerprint);
        Assert.Equal(Fleet.Start + TimeSpan.FromHours(24), grant.ExpiresAt);
        var credential = fixture.Enrollment.Find(subcloud.Name)!;
        Assert.Equal(grant.Token.Id, credential.JoinTokenId);
        Assert.Equal(SecretToken.Hash(grant.Token.Secret), credential.JoinTokenHash);
        Assert.DoesNotContain(grant.Token.Secret, fixture.Db.Dump(), StringComparison.Ordinal);
        Assert.Equal(CertificateState.WaitingForEnrollment, credential.State(Fleet.Start, TimeSpan.Zero));
    }

    [Fact]
    public async Task S2_S3_a_request_proved_with_the_subclouds_token_gets_a_certificate_naming_the_subcloud_and_its_agent_address()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync(certificateLifetime: TimeSpan.FromDays(30));
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var request = EnrollmentFixture.Request(grant.Token);

        using var certificate = await fixture.Enrollment.IssueAsync(subcloud, request.SigningRequest, request.TokenId, request.Proof, "[fd01:1::1]:50052");

        Assert.Equal(PeerIdentity.Subcloud("sub1"), PeerIdentity.Of(certificate));
        Assert.Equal([IPAddress.Parse(Fleet.Agent6(1))], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()));
        Assert.True(fixture.Pki.Trust.Validates(certificate, Fleet.Start, TimeSpan.Zero, out var problem), problem);
        Assert.Equal(Fleet.Start + TimeSpan.FromDays(30), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        using (var key = certificate.GetECDsaPublicKey()!)
        {
            Assert.Equal(request.Key.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        }

        var credential = fixture.Enrollment.Find("sub1")!;
        Assert.Equal(Fleet.Start, credential.JoinTokenUsedAt);
        Assert.True(fixture.Enrollment.Accepts("sub1", certificate.SerialNumber));
        // Issued, not yet installed: still waiting until the agent confirms.
        Assert.Equal(CertificateState.WaitingForEnrollment, credential.State(Fleet.Start, TimeSpan.Zero));
        await fixture.Enrollment.InstalledAsync("sub1", certificate.SerialNumber);
        Assert.Equal(CertificateState.Enrolled, fixture.Enrollment.Find("sub1")!.State(Fleet.Start, TimeSpan.Zero));
        Assert.Null(fixture.Enrollment.Find("sub1")!.Unusable(Fleet.Start, TimeSpan.Zero));
        var done = Assert.Single(fixture.Audit.Events);
        Assert.Equal((AccessOutcome.Done, "sub1"), (done.Outcome, done.Target));
    }

    [Fact]
    public async Task S2_a_token_used_twice_is_refused_and_nothing_is_issued()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var first = await fixture.EnrollAsync(subcloud, grant.Token);
        var before = fixture.Db.Dump();

        var refused = await RefusedAsync(fixture, subcloud, grant.Token);

        Assert.Contains("was used at", refused.Message, StringComparison.Ordinal);
        Assert.Contains("dcctl subcloud enroll sub1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Db.Dump());
        Assert.True(fixture.Enrollment.Accepts("sub1", first.SerialNumber));
    }

    [Fact]
    public async Task S2_an_expired_token_is_refused_and_nothing_is_issued()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1, tokenLifetime: TimeSpan.FromMinutes(30));
        fixture.Db.Time.Advance(TimeSpan.FromMinutes(31));
        var before = fixture.Db.Dump();

        var refused = await RefusedAsync(fixture, subcloud, grant.Token);

        Assert.Contains("expired at", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Db.Dump());
        Assert.Contains("expired at", fixture.Enrollment.Find("sub1")!.Unusable(fixture.Db.Time.GetUtcNow(), TimeSpan.Zero), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_the_token_of_another_subcloud_is_refused_and_nothing_is_issued()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (_, first) = await fixture.AddAsync("sub1", 1);
        var (second, _) = await fixture.AddAsync("sub2", 2);
        var before = fixture.Db.Dump();

        var refused = await RefusedAsync(fixture, second, first.Token);

        Assert.Contains("belongs to subcloud 'sub1', not 'sub2'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Db.Dump());
        // The token stays good for its own subcloud.
        Assert.True(fixture.Enrollment.Find("sub1")!.TokenUsable(Fleet.Start));
    }

    [Fact]
    public async Task S2_a_proof_made_with_another_secret_is_refused_and_nothing_is_issued()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        var before = fixture.Db.Dump();

        var forged = grant.Token with { Secret = JoinToken.New().Secret };
        var refused = await RefusedAsync(fixture, subcloud, forged);

        Assert.Equal("proof", refused.Field);
        Assert.Equal(before, fixture.Db.Dump());
        Assert.True(fixture.Enrollment.Find("sub1")!.TokenUsable(Fleet.Start));
        var audited = Assert.Single(fixture.Audit.Events);
        Assert.Equal(AccessOutcome.Refused, audited.Outcome);
        Assert.Contains("proof", audited.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(grant.Token.Secret, audited.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_a_request_whose_own_signature_is_broken_is_refused_and_nothing_is_issued()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var request = EnrollmentFixture.Request(grant.Token);
        var broken = request.SigningRequest.ToArray();
        broken[^3] ^= 0x55;
        var before = fixture.Db.Dump();

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Enrollment.IssueAsync(subcloud, broken, grant.Token.Id, grant.Token.Prove(broken), "test"));

        Assert.Equal("signing_request", error.Errors[0].Field);
        Assert.Equal(before, fixture.Db.Dump());
    }

    [Fact]
    public async Task S2_a_token_outstanding_when_the_subcloud_is_revoked_is_refused()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        fixture.Db.Time.Advance(TimeSpan.FromMinutes(1));
        await fixture.Enrollment.RevokeAsync("sub1");

        var refused = await RefusedAsync(fixture, subcloud, grant.Token);

        Assert.Contains("was revoked at", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_enroll_makes_a_new_token_that_replaces_the_old_one()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, old) = await fixture.AddAsync("sub1", 1);

        var (_, renewed) = await fixture.Enrollment.NewTokenAsync("sub1", TimeSpan.FromHours(2));

        Assert.NotEqual(old.Token.Id, renewed.Token.Id);
        Assert.Equal(Fleet.Start + TimeSpan.FromHours(2), renewed.ExpiresAt);
        Assert.Contains("not subcloud 'sub1''s current join token", (await RefusedAsync(fixture, subcloud, old.Token)).Message, StringComparison.Ordinal);
        using var certificate = await fixture.EnrollAsync(subcloud, renewed.Token);
        Assert.True(fixture.Enrollment.Accepts("sub1", certificate.SerialNumber));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(31 * 24 * 3600)]
    public async Task S2_a_token_lifetime_outside_0_to_30_days_is_refused(int seconds)
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var before = fixture.Db.Dump();

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.AddAsync("sub1", 1, TimeSpan.FromSeconds(seconds)));

        Assert.Equal(("S-2", "token_expires"), (error.Errors[0].Rule, error.Errors[0].Field));
        Assert.Equal(before, fixture.Db.Dump());
    }

    [Fact]
    public async Task S3_renewal_accepts_the_old_and_the_new_certificate_until_the_agent_presents_the_new_one()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync(certificateLifetime: TimeSpan.FromMinutes(30));
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var old = await fixture.EnrollAsync(subcloud, grant.Token);
        fixture.Db.Time.Advance(TimeSpan.FromMinutes(21));
        Assert.Contains("two thirds", fixture.Enrollment.Find("sub1")!.RenewalReason(fixture.Db.Time.GetUtcNow(), AgentAddresses.Of(subcloud)), StringComparison.Ordinal);
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        using var _ = key;

        using var renewed = await fixture.Enrollment.RenewAsync(subcloud, request, "test");

        Assert.True(fixture.Enrollment.Accepts("sub1", old.SerialNumber));
        Assert.True(fixture.Enrollment.Accepts("sub1", renewed.SerialNumber));
        Assert.Equal(CertificateState.Renewing, fixture.Enrollment.Find("sub1")!.State(fixture.Db.Time.GetUtcNow(), TimeSpan.Zero));
        Assert.Null(fixture.Enrollment.Find("sub1")!.Unusable(fixture.Db.Time.GetUtcNow(), TimeSpan.Zero));

        await fixture.Enrollment.InstalledAsync("sub1", renewed.SerialNumber);
        Assert.True(fixture.Enrollment.Accepts("sub1", old.SerialNumber));
        // The old certificate presented on a connection made before changes nothing.
        await fixture.Enrollment.PresentedAsync("sub1", old.SerialNumber);
        Assert.True(fixture.Enrollment.Accepts("sub1", old.SerialNumber));

        await fixture.Enrollment.PresentedAsync("sub1", renewed.SerialNumber);
        Assert.False(fixture.Enrollment.Accepts("sub1", old.SerialNumber));
        Assert.True(fixture.Enrollment.Accepts("sub1", renewed.SerialNumber));
        Assert.Equal(CertificateState.Enrolled, fixture.Enrollment.Find("sub1")!.State(fixture.Db.Time.GetUtcNow(), TimeSpan.Zero));
        Assert.Null(fixture.Enrollment.Find("sub1")!.RenewalReason(fixture.Db.Time.GetUtcNow(), AgentAddresses.Of(subcloud)));
    }

    [Fact]
    public async Task S3_a_renewal_interrupted_before_the_install_keeps_the_certificate_the_agent_presents()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync(certificateLifetime: TimeSpan.FromMinutes(30));
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var old = await fixture.EnrollAsync(subcloud, grant.Token);
        var (key1, request1) = SelfSignedCertificate.NewSigningRequest();
        var (key2, request2) = SelfSignedCertificate.NewSigningRequest();
        using var _ = key1;
        using var __ = key2;

        using var lost = await fixture.Enrollment.RenewAsync(subcloud, request1, "test");
        using var second = await fixture.Enrollment.RenewAsync(subcloud, request2, "test again");

        Assert.True(fixture.Enrollment.Accepts("sub1", old.SerialNumber));
        Assert.False(fixture.Enrollment.Accepts("sub1", lost.SerialNumber));
        Assert.True(fixture.Enrollment.Accepts("sub1", second.SerialNumber));
    }

    [Fact]
    public async Task S3_a_change_of_the_agents_addresses_makes_the_certificate_due_for_reissue()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var _ = await fixture.EnrollAsync(subcloud, grant.Token);
        var credential = fixture.Enrollment.Find("sub1")!;

        Assert.Null(credential.RenewalReason(Fleet.Start, AgentAddresses.Of(subcloud)));
        var reason = credential.RenewalReason(Fleet.Start, [IPAddress.Parse(Fleet.Agent6(1)), IPAddress.Parse("10.20.1.1")]);

        Assert.Contains("addresses changed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_the_certificate_names_the_secondary_address_of_the_same_role_once_the_network_is_dual_stack()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, _) = await fixture.AddAsync("sub1", 1);
        var mgmt = subcloud.PoolsOf(Networking.Networks.NetworkType.Mgmt).Single();
        var dualStack = subcloud with
        {
            Pools = [.. subcloud.Pools, mgmt with { IsPrimary = false, Name = "mgmt-ipv4", Subnet = "10.30.1.0/24", Ranges = "10.30.1.1-10.30.1.254", FloatingAddress = "10.30.1.1", Controller0Address = "10.30.1.2", Controller1Address = "10.30.1.3", GatewayAddress = null }],
        };

        Assert.Equal([IPAddress.Parse(Fleet.Agent6(1)), IPAddress.Parse("10.30.1.1")], AgentAddresses.Of(dualStack));
    }

    [Fact]
    public async Task S3_revoke_refuses_the_certificate_at_once_and_a_new_token_enrolls_the_agent_again()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var first = await fixture.EnrollAsync(subcloud, grant.Token);

        await fixture.Enrollment.RevokeAsync("sub1");

        Assert.False(fixture.Enrollment.Accepts("sub1", first.SerialNumber));
        var credential = fixture.Enrollment.Find("sub1")!;
        Assert.Equal(CertificateState.Revoked, credential.State(Fleet.Start, TimeSpan.Zero));
        Assert.Contains("revoked", credential.Unusable(Fleet.Start, TimeSpan.Zero), StringComparison.Ordinal);
        Assert.Contains("dcctl subcloud enroll sub1", credential.Unusable(Fleet.Start, TimeSpan.Zero), StringComparison.Ordinal);

        fixture.Db.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, again) = await fixture.Enrollment.NewTokenAsync("sub1");
        using var second = await fixture.EnrollAsync(subcloud, again.Token);
        Assert.True(fixture.Enrollment.Accepts("sub1", second.SerialNumber));
        Assert.False(fixture.Enrollment.Accepts("sub1", first.SerialNumber));
        Assert.Equal(CertificateState.Enrolled, fixture.Enrollment.Find("sub1")!.State(fixture.Db.Time.GetUtcNow(), TimeSpan.Zero));
    }

    [Fact]
    public async Task S3_deleting_a_subcloud_removes_its_credentials_and_refuses_its_certificate()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var certificate = await fixture.EnrollAsync(subcloud, grant.Token);

        await fixture.Enrollment.DeleteSubcloudAsync("sub1", force: true);

        Assert.Null(fixture.Enrollment.Find("sub1"));
        Assert.False(fixture.Enrollment.Accepts("sub1", certificate.SerialNumber));
        Assert.DoesNotContain("sub1", fixture.Db.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_an_expired_certificate_is_unusable_and_says_the_agent_must_enroll_again()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync(certificateLifetime: TimeSpan.FromMinutes(10));
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        using var _ = await fixture.EnrollAsync(subcloud, grant.Token);

        var credential = fixture.Enrollment.Find("sub1")!;
        var later = Fleet.Start + TimeSpan.FromMinutes(16);

        Assert.Null(credential.Unusable(later, TimeSpan.FromMinutes(10)));
        Assert.Equal(CertificateState.Expired, credential.State(later, TimeSpan.FromMinutes(5)));
        Assert.Contains("expired", credential.Unusable(later, TimeSpan.FromMinutes(5)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_S3_the_credentials_and_the_accepted_serials_survive_a_restart()
    {
        await using var fixture = await EnrollmentFixture.CreateAsync();
        var (subcloud, grant) = await fixture.AddAsync("sub1", 1);
        var (_, waiting) = await fixture.AddAsync("sub2", 2);
        using var certificate = await fixture.EnrollAsync(subcloud, grant.Token);

        await fixture.ReopenAsync();

        Assert.True(fixture.Enrollment.Accepts("sub1", certificate.SerialNumber));
        Assert.Equal(CertificateState.Enrolled, fixture.Enrollment.Find("sub1")!.State(Fleet.Start, TimeSpan.Zero));
        Assert.Equal(waiting.Token.Id, fixture.Enrollment.Find("sub2")!.JoinTokenId);
        Assert.True(fixture.Enrollment.Find("sub2")!.TokenUsable(Fleet.Start));
    }

    private static async Task<DomainError> RefusedAsync(EnrollmentFixture fixture, Core.Subclouds.Subcloud subcloud, JoinToken token)
    {
        using var request = EnrollmentFixture.Request(token);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Enrollment.IssueAsync(subcloud, request.SigningRequest, request.TokenId, request.Proof, "test"));
        Assert.Equal("S-2", error.Errors[0].Rule);
        return error.Errors[0];
    }
}
