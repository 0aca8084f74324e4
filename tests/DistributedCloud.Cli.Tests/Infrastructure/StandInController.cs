using System.Collections.Concurrent;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.Networking.Errors;
using Grpc.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ListAlarmsRequest = DistributedCloud.Contracts.Controller.V1.ListAlarmsRequest;
using ListAlarmsResponse = DistributedCloud.Contracts.Controller.V1.ListAlarmsResponse;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>
/// A system controller's admin API answering from fixed data: <see cref="SampleSite"/>'s alarms, the subclouds and
/// strategy updates a test sets. Every request is recorded, so a test can prove what was (or was not) sent.
/// </summary>
public sealed class StandInController : SystemController.SystemControllerBase
{
    public ConcurrentQueue<IMessage> Requests { get; } = new();

    public List<Subcloud> Subclouds { get; } = [];

    /// <summary>The strategy as CreateStrategy, GetStrategy, ApplyStrategy and AbortStrategy answer it.</summary>
    public Strategy Strategy { get; set; } = new() { Type = StrategyType.NetworkMode, State = StrategyState.Initial };

    /// <summary>What WatchStrategy streams, in order, before it ends.</summary>
    public List<Strategy> StrategyUpdates { get; } = [];

    public List<AlarmSummary> AlarmSummaries { get; } = [];

    /// <summary>What ListTokens answers; CreateToken answers with <see cref="Secret"/>, RevokeToken marks the token revoked.</summary>
    public List<AdminToken> Tokens { get; } = [];

    public const string Secret = "dcat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    /// <summary>What ListAuditEvents answers.</summary>
    public List<AuditEvent> AuditEvents { get; } = [];

    /// <summary>Refuses ManageSubcloud as the real controller does (D-3), with two problems.</summary>
    public static DomainException ManageRefusal => new(
    [
        new DomainError("D-3", "deploy_status", "subcloud1 is not deployed (deploy status not-deployed)", ErrorKind.FailedPrecondition),
        new DomainError("D-3", "availability", "subcloud1 is offline", ErrorKind.FailedPrecondition),
    ]);

    public IEnumerable<T> Received<T>() => Requests.OfType<T>();

    public override Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context) =>
        Answer(request, new ListAlarmsResponse { Alarms = { SampleSite.Alarms() }, SubcloudSummaries = { request.Subcloud.Length == 0 ? AlarmSummaries : [] } });

    public override Task<ListSubcloudsResponse> ListSubclouds(ListSubcloudsRequest request, ServerCallContext context) =>
        Answer(request, new ListSubcloudsResponse { Subclouds = { Subclouds } });

    public override Task<Subcloud> GetSubcloud(GetSubcloudRequest request, ServerCallContext context) =>
        Answer(request, Subclouds.First(s => s.Name == request.Name));

    public override Task<Subcloud> AddSubcloud(AddSubcloudRequest request, ServerCallContext context) =>
        Answer(request, new Subcloud
        {
            Name = request.Name, Region = "0123456789abcdef0123456789abcdef", DeployStatus = "not-deployed", CertificateState = "waiting for enrollment",
            Enrollment = SampleEnrollment(request.AgentAddress, request.AgentPort),
        });

    /// <summary>S-2: a new join token, as the controller answers EnrollSubcloud.</summary>
    public override Task<Subcloud> EnrollSubcloud(EnrollSubcloudRequest request, ServerCallContext context) =>
        Answer(request, new Subcloud { Name = request.Name, Region = "0123456789abcdef0123456789abcdef", CertificateState = "enrolled", Enrollment = SampleEnrollment("fd01:1::1", 50052) });

    public override Task<Subcloud> RevokeSubcloud(RevokeSubcloudRequest request, ServerCallContext context) =>
        Answer(request, new Subcloud { Name = request.Name, Region = "0123456789abcdef0123456789abcdef", CertificateState = "revoked" });

    /// <summary>The CA that signs <see cref="IssueAccessCertificate"/>'s answers.</summary>
    public static readonly DistributedCloud.Security.Pki.CertificateAuthority AccessAuthority =
        DistributedCloud.Security.Pki.CertificateAuthority.Create("stand-in controller", TimeSpan.FromDays(1), TimeProvider.System);

    /// <summary>S-5a: signs the request as the controller does, for caller 'tester'.</summary>
    public override Task<AccessCertificate> IssueAccessCertificate(IssueAccessCertificateRequest request, ServerCallContext context)
    {
        var role = request.Role switch { AdminRole.Operator => DistributedCloud.Security.Access.AdminRole.Operator, AdminRole.Admin => DistributedCloud.Security.Access.AdminRole.Admin, _ => DistributedCloud.Security.Access.AdminRole.Reader };
        var identity = DistributedCloud.Security.Pki.PeerIdentity.Access(request.Subcloud, "tester", role);
        using var certificate = AccessAuthority.IssueFromSigningRequest(request.SigningRequest.ToByteArray(), identity, [], request.Expires.ToTimeSpan(), DistributedCloud.Security.Pki.CertificateUse.Client);
        return Answer(request, new AccessCertificate
        {
            Certificate = certificate.ExportCertificatePem() + "\n",
            CaCertificates = AccessAuthority.Certificate.ExportCertificatePem() + "\n",
            AgentUrl = "https://[fd01:1::2]:50052",
            Identity = identity.ToString(),
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(certificate.NotAfter.ToUniversalTime()),
        });
    }

    public const string SampleToken = "0123456789ab.abcdefghijklmnopqrstuvwxyz012345";
    public const string SampleFingerprint = "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static Enrollment SampleEnrollment(string address, uint port)
    {
        var enrollment = new Enrollment
        {
            JoinToken = SampleToken,
            CaFingerprint = SampleFingerprint,
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)),
        };
        enrollment.AgentSettings.Add("listen", $"https://[{address}]:{port}");
        enrollment.AgentSettings.Add("join-token", SampleToken);
        enrollment.AgentSettings.Add("ca-fingerprint", SampleFingerprint);
        return enrollment;
    }

    public override Task<Subcloud> ManageSubcloud(ManageSubcloudRequest request, ServerCallContext context)
    {
        Requests.Enqueue(request);
        throw ManageRefusal;
    }

    public override Task<SubcloudGroup> UpdateSubcloudGroup(UpdateSubcloudGroupRequest request, ServerCallContext context) =>
        Answer(request, new SubcloudGroup { Id = 2, Name = request.Name.Length > 0 ? request.Name : request.Group, UpdateApplyType = request.UpdateApplyType });

    public override Task<Strategy> CreateStrategy(CreateStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public override Task<Strategy> GetStrategy(GetStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public override Task<Strategy> ApplyStrategy(ApplyStrategyRequest request, ServerCallContext context) => Answer(request, Strategy);

    public override async Task WatchStrategy(WatchStrategyRequest request, IServerStreamWriter<Strategy> responseStream, ServerCallContext context)
    {
        Requests.Enqueue(request);
        foreach (var update in StrategyUpdates)
        {
            await responseStream.WriteAsync(update, context.CancellationToken);
        }
    }

    public override Task<CreateTokenResponse> CreateToken(CreateTokenRequest request, ServerCallContext context) =>
        Answer(request, new CreateTokenResponse
        {
            Token = new AdminToken
            {
                Name = request.Name, Role = request.Role, State = TokenState.Active, CreatedAt = Timestamp.FromDateTimeOffset(CreatedAt), CreatedBy = "admin",
                ExpiresAt = request.ExpiresIn is null ? null : Timestamp.FromDateTimeOffset(CreatedAt + request.ExpiresIn.ToTimeSpan()),
            },
            Secret = Secret,
        });

    public override Task<ListTokensResponse> ListTokens(ListTokensRequest request, ServerCallContext context) =>
        Answer(request, new ListTokensResponse { Tokens = { Tokens } });

    public override Task<AdminToken> RevokeToken(RevokeTokenRequest request, ServerCallContext context)
    {
        var token = Tokens.FirstOrDefault(t => t.Name == request.Name)
            ?? throw new DomainException(new DomainError("S-7", "name", $"no token is named '{request.Name}'; 'token list' shows them", ErrorKind.NotFound));
        token.State = TokenState.Revoked;
        token.RevokedAt = Timestamp.FromDateTimeOffset(CreatedAt.AddHours(1));
        return Answer(request, token);
    }

    public override Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context) =>
        Answer(request, new ListAuditEventsResponse { Events = { AuditEvents } });

    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private Task<T> Answer<T>(IMessage request, T response)
    {
        Requests.Enqueue(request);
        return Task.FromResult(response);
    }
}
