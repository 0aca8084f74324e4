using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Security;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DistributedCloud.EndToEnd.Tests.Enrollment;

/// <summary>
/// The agent's side of enrollment in process (S-2, S-3, S-4, S-5): it answers only a controller of the pinned CA, makes
/// its key itself, installs only a certificate for that key naming the subcloud asked and chaining to a bundle that
/// holds the pinned CA; once enrolled, its certificate policy admits its controllers (with the controller-id claim the
/// fencing check binds) and access certificates of its own subcloud, and nothing else.
/// </summary>
public sealed class AgentEnrollmentPartsTests : IDisposable
{
    private readonly TempDirectory _directory = new("dc-agent-enrollment");
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("test controller", TimeSpan.FromDays(10), TimeProvider.System);
    private readonly CertificateAuthority _stranger = CertificateAuthority.Create("another controller", TimeSpan.FromDays(10), TimeProvider.System);
    private readonly X509Certificate2 _controller;
    private readonly JoinToken _token = JoinToken.New();

    public AgentEnrollmentPartsTests()
    {
        _controller = _ca.IssueWithNewKey(PeerIdentity.Controller("ctl-1"), [], [], TimeSpan.FromDays(1), CertificateUse.Client | CertificateUse.Server);
    }

    private string CaPem => _ca.Certificate.ExportCertificatePem();

    [Fact]
    public async Task S2_an_agent_started_with_a_token_waits_for_enrollment_and_enrolls_with_a_key_it_made_itself()
    {
        var (credentials, server, tokens) = Open();
        Assert.Equal(AgentAccessMode.Enrolling, credentials.Mode);
        Assert.NotNull(server.Certificate);
        Assert.Null(PeerIdentity.Of(server.Certificate!));

        var request = credentials.RequestCertificate(_controller, CaPem, "subcloud1");

        Assert.Equal(_token.Id, request.JoinTokenId);
        Assert.True(JoinToken.Verify(_token.SecretHash, request.SigningRequest, request.Proof));
        using var issued = _ca.IssueFromSigningRequest(request.SigningRequest, PeerIdentity.Subcloud("subcloud1"), [IPAddress.IPv6Loopback], TimeSpan.FromDays(1), CertificateUse.Server);
        var installed = credentials.InstallCertificate(_controller, issued.ExportCertificatePem(), new TrustBundle([_ca.Certificate]).ToPem());

        Assert.Equal(CertificateFingerprint.Of(issued), installed.Fingerprint);
        Assert.Equal((AgentAccessMode.Enrolled, "subcloud1"), (credentials.Mode, credentials.Subcloud));
        Assert.Equal(issued.SerialNumber, server.Certificate!.SerialNumber);
        Assert.True(server.Certificate.HasPrivateKey);
        foreach (var file in new[] { "agent.crt", "agent.key", "trust.pem", "enrollment.json" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, FileMode(_directory.PathOf($"pki/{file}")));
        }

        Assert.False((await tokens.VerifyAsync("dcat_anything", CancellationToken.None)).IsValid);
        // The same answer again when the controller did not see the first one.
        Assert.Equal(installed, credentials.InstallCertificate(_controller, issued.ExportCertificatePem(), new TrustBundle([_ca.Certificate]).ToPem()));
    }

    [Fact]
    public void S2_S4_only_a_controller_of_the_pinned_CA_may_ask_for_a_certificate()
    {
        var (credentials, _, _) = Open();
        using var strangersController = _stranger.IssueWithNewKey(PeerIdentity.Controller("ctl-x"), [], [], TimeSpan.FromDays(1), CertificateUse.Client);
        using var subcloudCertificate = _ca.IssueWithNewKey(PeerIdentity.Subcloud("subcloud9"), [], [], TimeSpan.FromDays(1), CertificateUse.Server);

        Assert.Contains("is not the CA this agent was started with", Refused(StatusCode.PermissionDenied, () => credentials.RequestCertificate(strangersController, _stranger.Certificate.ExportCertificatePem(), "subcloud1")));
        Assert.Contains("not issued by a trusted authority", Refused(StatusCode.PermissionDenied, () => credentials.RequestCertificate(strangersController, CaPem, "subcloud1")));
        Assert.Contains("only a controller", Refused(StatusCode.PermissionDenied, () => credentials.RequestCertificate(subcloudCertificate, CaPem, "subcloud1")));
        Assert.Contains("no TLS client certificate", Refused(StatusCode.PermissionDenied, () => credentials.RequestCertificate(null, CaPem, "subcloud1")));
        Assert.Equal(AgentAccessMode.Enrolling, credentials.Mode);
    }

    [Fact]
    public void S2_S3_a_certificate_for_another_key_another_name_or_without_the_pinned_CA_is_not_installed()
    {
        var (credentials, _, _) = Open();
        var bundle = new TrustBundle([_ca.Certificate]).ToPem();
        Assert.Contains("no certificate request is pending", Refused(StatusCode.FailedPrecondition, () => credentials.InstallCertificate(_controller, _controller.ExportCertificatePem(), bundle)));
        var request = credentials.RequestCertificate(_controller, CaPem, "subcloud1");
        var (otherKey, otherRequest) = SelfSignedCertificate.NewSigningRequest();
        using var _ = otherKey;
        using var forOtherKey = _ca.IssueFromSigningRequest(otherRequest, PeerIdentity.Subcloud("subcloud1"), [], TimeSpan.FromDays(1), CertificateUse.Server);
        using var forOtherName = _ca.IssueFromSigningRequest(request.SigningRequest, PeerIdentity.Subcloud("subcloud2"), [], TimeSpan.FromDays(1), CertificateUse.Server);
        using var byStranger = _stranger.IssueFromSigningRequest(request.SigningRequest, PeerIdentity.Subcloud("subcloud1"), [], TimeSpan.FromDays(1), CertificateUse.Server);

        Assert.Contains("not for the key of the pending request", Refused(StatusCode.FailedPrecondition, () => credentials.InstallCertificate(_controller, forOtherKey.ExportCertificatePem(), bundle)));
        Assert.Contains("names dc://subcloud/subcloud2, not dc://subcloud/subcloud1", Refused(StatusCode.FailedPrecondition, () => credentials.InstallCertificate(_controller, forOtherName.ExportCertificatePem(), bundle)));
        Assert.Contains("does not chain to the trust bundle", Refused(StatusCode.FailedPrecondition, () => credentials.InstallCertificate(_controller, byStranger.ExportCertificatePem(), bundle)));
        Assert.Contains("does not hold the CA this agent was started with", Refused(StatusCode.FailedPrecondition,
            () => credentials.InstallCertificate(_controller, byStranger.ExportCertificatePem(), new TrustBundle([_stranger.Certificate]).ToPem())));
        Assert.Equal(AgentAccessMode.Enrolling, credentials.Mode);
        Assert.False(File.Exists(_directory.PathOf("pki/agent.crt")));
    }

    [Fact]
    public void S4_S5_an_enrolled_agent_admits_its_controllers_with_their_id_and_access_certificates_of_its_own_subcloud_only()
    {
        var (credentials, _, _) = Enrolled();
        var policy = new AgentCallerPolicy(credentials);
        using var access = _ca.IssueWithNewKey(PeerIdentity.Access("subcloud1", "alice", AdminRole.Operator), [], [], TimeSpan.FromHours(1), CertificateUse.Client);
        using var otherAccess = _ca.IssueWithNewKey(PeerIdentity.Access("subcloud2", "alice", AdminRole.Admin), [], [], TimeSpan.FromHours(1), CertificateUse.Client);
        using var otherSubcloud = _ca.IssueWithNewKey(PeerIdentity.Subcloud("subcloud2"), [], [], TimeSpan.FromHours(1), CertificateUse.Server);
        using var administrator = _ca.IssueWithNewKey(PeerIdentity.Admin("bob", AdminRole.Admin), [], [], TimeSpan.FromHours(1), CertificateUse.Client);
        using var strangersController = _stranger.IssueWithNewKey(PeerIdentity.Controller("ctl-1"), [], [], TimeSpan.FromHours(1), CertificateUse.Client);

        var controller = policy.Authenticate(_controller, "dc", out _)!;
        Assert.Equal(AdminRole.Admin, controller.Role());
        Assert.Equal("ctl-1", controller.FindFirst(AccessClaims.ControllerId)?.Value);
        var operatorCaller = policy.Authenticate(access, "dc", out _)!;
        Assert.Equal((AdminRole.Operator, "alice"), (operatorCaller.Role(), operatorCaller.Identity()));
        Assert.Null(operatorCaller.FindFirst(AccessClaims.ControllerId));

        Assert.Contains("for subcloud 'subcloud2'", Problem(policy, otherAccess), StringComparison.Ordinal);
        Assert.Contains("subcloud 'subcloud2''s agent", Problem(policy, otherSubcloud), StringComparison.Ordinal);
        Assert.Contains("administrator's certificate of the controller", Problem(policy, administrator), StringComparison.Ordinal);
        Assert.Contains("not issued by a trusted authority", Problem(policy, strangersController), StringComparison.Ordinal);
    }

    [Fact]
    public void S2_a_waiting_or_standalone_agent_takes_no_client_certificates()
    {
        var (waiting, _, _) = Open();
        Assert.Contains("waiting for enrollment", Problem(new AgentCallerPolicy(waiting), _controller), StringComparison.Ordinal);
        using var standaloneDirectory = new TempDirectory("dc-agent-standalone");
        var (standalone, _, _) = Open(token: false, directory: standaloneDirectory.Root);
        Assert.Equal(AgentAccessMode.Standalone, standalone.Mode);
        Assert.Contains("standalone", Problem(new AgentCallerPolicy(standalone), _controller), StringComparison.Ordinal);
    }

    [Fact]
    public void S3_an_enrolled_agent_renews_for_a_controller_of_its_bundle_and_only_under_its_own_name()
    {
        var (credentials, server, _) = Enrolled();
        var before = server.Certificate!.SerialNumber;

        Assert.Contains("this agent is subcloud 'subcloud1', not 'subcloud2'", Refused(StatusCode.FailedPrecondition, () => credentials.RequestCertificate(_controller, CaPem, "subcloud2")));
        var request = credentials.RequestCertificate(_controller, CaPem, "subcloud1");
        Assert.Equal((string.Empty, string.Empty), (request.JoinTokenId, request.Proof));
        using var renewed = _ca.IssueFromSigningRequest(request.SigningRequest, PeerIdentity.Subcloud("subcloud1"), [IPAddress.IPv6Loopback], TimeSpan.FromDays(1), CertificateUse.Server);
        credentials.InstallCertificate(_controller, renewed.ExportCertificatePem(), new TrustBundle([_ca.Certificate]).ToPem());

        Assert.NotEqual(before, server.Certificate!.SerialNumber);
        Assert.Equal(renewed.SerialNumber, server.Certificate.SerialNumber);
        Assert.Equal(AgentAccessMode.Enrolled, credentials.Mode);
    }

    [Fact]
    public void S2_S3_a_restart_with_the_token_it_enrolled_with_keeps_the_enrollment_and_a_new_token_enrolls_again()
    {
        Enrolled();

        var (same, _, _) = Open();
        Assert.Equal((AgentAccessMode.Enrolled, "subcloud1"), (same.Mode, same.Subcloud));
        var (plain, _, _) = Open(token: false);
        Assert.Equal(AgentAccessMode.Enrolled, plain.Mode);
        var (again, _, _) = Open(token: JoinToken.New());
        Assert.Equal(AgentAccessMode.Enrolling, again.Mode);
    }

    [Fact]
    public void S3_an_expired_certificate_without_a_new_token_refuses_the_start_naming_the_way_out()
    {
        // A certificate that expired while the agent was down, as an enrollment an hour ago left it.
        using (var past = CertificateAuthority.Create("controller of an hour ago", TimeSpan.FromDays(10), new FixedTime(DateTimeOffset.UtcNow - TimeSpan.FromHours(1))))
        using (var issued = past.IssueWithNewKey(PeerIdentity.Subcloud("subcloud1"), [IPAddress.IPv6Loopback], [], TimeSpan.FromMinutes(1), CertificateUse.Server))
        {
            KeyFiles.WriteCertificateWithKey(issued, _directory.PathOf("pki/agent.crt"), _directory.PathOf("pki/agent.key"));
            KeyFiles.WriteSecret(_directory.PathOf("pki/trust.pem"), new TrustBundle([past.Certificate]).ToPem());
        }

        var refused = Assert.Throws<SiteStartException>(() => Open(token: false, skew: TimeSpan.Zero));

        Assert.Contains("must be re-enrolled: run 'dcctl subcloud enroll subcloud1'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    public void Dispose()
    {
        _controller.Dispose();
        _ca.Dispose();
        _stranger.Dispose();
        _directory.Dispose();
    }

    private (AgentCredentials Credentials, ServerCredentials Server, StandaloneTokens Tokens) Open(object? token = null, TimeSpan? skew = null, string? directory = null)
    {
        var server = new ServerCredentials();
        var tokens = new StandaloneTokens();
        var credentials = new AgentCredentials(server, tokens, TimeProvider.System, Options.Create(new SecurityOptions { ClockSkew = skew ?? TimeSpan.FromMinutes(5) }));
        var joinToken = token switch
        {
            false => null,
            JoinToken given => given,
            _ => _token,
        };
        credentials.Open(directory ?? _directory.Root, new AgentOptions
        {
            Listen = ["https://[::1]:50052"],
            JoinToken = joinToken?.ToString(),
            CaFingerprint = joinToken is null ? null : _ca.Fingerprint,
        });
        return (credentials, server, tokens);
    }

    private (AgentCredentials Credentials, ServerCredentials Server, StandaloneTokens Tokens) Enrolled()
    {
        var opened = Open();
        var request = opened.Credentials.RequestCertificate(_controller, CaPem, "subcloud1");
        using var issued = _ca.IssueFromSigningRequest(request.SigningRequest, PeerIdentity.Subcloud("subcloud1"), [IPAddress.IPv6Loopback], TimeSpan.FromDays(1), CertificateUse.Server);
        opened.Credentials.InstallCertificate(_controller, issued.ExportCertificatePem(), new TrustBundle([_ca.Certificate]).ToPem());
        return opened;
    }

    private static string Problem(AgentCallerPolicy policy, X509Certificate2 certificate)
    {
        Assert.Null(policy.Authenticate(certificate, "dc", out var problem));
        return problem;
    }

    private static string Refused(StatusCode code, Action call)
    {
        var refused = Assert.Throws<RpcException>(call);
        Assert.Equal(code, refused.StatusCode);
        return refused.Status.Detail;
    }

    private static string Refused<T>(StatusCode code, Func<T> call) => Refused(code, () => { _ = call(); });

    /// <summary>The file's permission bits (the product runs on Linux; key files are owner-only, S-10).</summary>
    private static UnixFileMode FileMode(string path) => OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
