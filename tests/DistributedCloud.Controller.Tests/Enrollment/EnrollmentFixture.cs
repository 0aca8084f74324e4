using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Controller.Tests.Enrollment;

/// <summary>A controller store, its CA (S-1) and the enrollment on them, with an access audit that records what it is told.</summary>
internal sealed class EnrollmentFixture : IAsyncDisposable
{
    private EnrollmentFixture(TempDatabase db, ControllerPki pki, SubcloudRegistryOptions options)
    {
        Db = db;
        Pki = pki;
        Options = options;
        Registry = new SubcloudRegistry(db.Database, Fleet.ControllerSite(), options);
        Enrollment = new SubcloudEnrollment(db.Database, Registry, pki, options, Audit);
    }

    public TempDatabase Db { get; }

    public ControllerPki Pki { get; }

    public SubcloudRegistryOptions Options { get; }

    public SubcloudRegistry Registry { get; }

    public SubcloudEnrollment Enrollment { get; private set; }

    public RecordingAudit Audit { get; } = new();

    public static async Task<EnrollmentFixture> CreateAsync(TimeSpan? certificateLifetime = null)
    {
        var db = await TempDatabase.CreateAsync();
        var pki = new ControllerPki(db.Time);
        pki.Open(db.Directory, "controller-test", [IPAddress.IPv6Loopback]);
        var fixture = new EnrollmentFixture(db, pki, new SubcloudRegistryOptions { CertificateLifetime = certificateLifetime ?? TimeSpan.FromDays(365) });
        await fixture.Enrollment.LoadAsync();
        return fixture;
    }

    /// <summary>Adds IPv6 subcloud <paramref name="n"/> with its join token.</summary>
    public async Task<(Subcloud Subcloud, JoinTokenGrant Grant)> AddAsync(string name, int n, TimeSpan? tokenLifetime = null) =>
        await Enrollment.AddSubcloudAsync(Fleet.Add(name, Fleet.Ipv6(n), Fleet.Agent6(n)), tokenLifetime);

    /// <summary>What an agent started with <paramref name="token"/> answers: a new key, its request and the proof.</summary>
    public static AgentRequest Request(JoinToken token)
    {
        var (key, request) = SelfSignedCertificate.NewSigningRequest();
        return new AgentRequest(key, request, token.Id, token.Prove(request));
    }

    /// <summary>Issues and installs: the subcloud enrolled as after a full exchange.</summary>
    public async Task<X509Certificate2> EnrollAsync(Subcloud subcloud, JoinToken token)
    {
        using var request = Request(token);
        var certificate = await Enrollment.IssueAsync(subcloud, request.SigningRequest, request.TokenId, request.Proof, "[::1]:50052");
        await Enrollment.InstalledAsync(subcloud.Name, certificate.SerialNumber);
        return certificate;
    }

    /// <summary>Re-reads the credentials from the store, as after a restart.</summary>
    public async Task ReopenAsync()
    {
        await Db.ReopenAsync();
        Enrollment = new SubcloudEnrollment(Db.Database, new SubcloudRegistry(Db.Database, Fleet.ControllerSite(), Options), Pki, Options, Audit);
        await Enrollment.LoadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Pki.Dispose();
        await Db.DisposeAsync();
    }

    internal sealed record AgentRequest(ECDsa Key, byte[] SigningRequest, string TokenId, string Proof) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }

    internal sealed class RecordingAudit : IAccessAudit
    {
        public ConcurrentQueue<AccessEvent> Events { get; } = new();

        public ValueTask RecordAsync(AccessEvent accessEvent, CancellationToken cancellationToken)
        {
            Events.Enqueue(accessEvent);
            return ValueTask.CompletedTask;
        }
    }
}
