using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Pki;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Enrollment;

/// <summary>
/// An administrator of a real controller over TLS: it trusts the controller's CA (DIR/pki/ca.crt) and presents an
/// administrator's certificate (<c>dc://admin/admin/e2e</c>) issued with that CA's key, which the test may read as the
/// controller's user. (Once dcctl speaks TLS with tokens, these tests can drive dcctl instead.)
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2 _authority;

    public AdminClient(SecureHost controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var pki = controller.PkiDirectory;
        using var ca = CertificateAuthority.FromPem(File.ReadAllText(Path.Combine(pki, "ca.crt")), File.ReadAllText(Path.Combine(pki, "ca.key")), TimeProvider.System);
        using var issued = ca.IssueWithNewKey(PeerIdentity.Admin("e2e", DistributedCloud.Security.Access.AdminRole.Admin), [], [], TimeSpan.FromHours(2), CertificateUse.Client);
        _certificate = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        _authority = X509CertificateLoader.LoadCertificate(ca.Certificate.RawData);
        Trust = new TrustBundle([_authority]);
        _channel = Channel(controller.Url, Trust, _certificate);
    }

    public TrustBundle Trust { get; }

    public SystemController.SystemControllerClient Controller => new(_channel);

    /// <summary>A channel that trusts <paramref name="trust"/> (any server when null) and presents <paramref name="client"/>.</summary>
    public static GrpcChannel Channel(string url, TrustBundle? trust, X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    trust is null || (certificate is X509Certificate2 presented && trust.Validates(presented, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _)),
                ClientCertificates = client is null ? null : [client],
            },
        };
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public async Task<T> CallAsync<T>(Func<SystemController.SystemControllerClient, CallOptions, AsyncUnaryCall<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var pending = call(Controller, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
        return await pending.ResponseAsync;
    }

    public Task<Subcloud> AddAsync(string name, string bootstrap, int port, TimeSpan? tokenExpires = null) =>
        CallAsync((c, o) => c.AddSubcloudAsync(new AddSubcloudRequest
        {
            Name = name,
            BootstrapYaml = BootstrapExamples.Read(bootstrap),
            AgentAddress = "::1",
            AgentPort = (uint)port,
            TokenExpires = tokenExpires is { } lifetime ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(lifetime) : null,
        }, o));

    public Task<Subcloud> GetAsync(string name) => CallAsync((c, o) => c.GetSubcloudAsync(new GetSubcloudRequest { Name = name }, o));

    /// <summary>A platform call forwarded by the controller to the subcloud's agent (dc-subcloud).</summary>
    public async Task<V1.Site> SubcloudSiteAsync(string subcloud)
    {
        var headers = new Metadata();
        FencingToken.Operator.WriteTo(headers);
        headers.Add(Contracts.Routing.SubcloudMetadata.Key, subcloud);
        using var call = new V1.SubcloudAgent.SubcloudAgentClient(_channel).GetSiteAsync(new V1.GetSiteRequest(), new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)));
        return await call.ResponseAsync;
    }

    /// <summary>Polls the subcloud until <paramref name="done"/> holds.</summary>
    public async Task<Subcloud> WaitForAsync(string name, Func<Subcloud, bool> done, SecureHost controller, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var current = await GetAsync(name);
            if (done(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"subcloud {name} did not reach the expected state; last: {current}\n--- controller\n{controller.Output}");
            }

            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _certificate.Dispose();
        _authority.Dispose();
    }
}
