using System.Text.Json.Nodes;
using DistributedCloud.Cli.Commands.Subclouds;
using DistributedCloud.Cli.Tests.Infrastructure;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Tests.Subclouds;

public sealed class SubcloudCommandTests
{
    private static readonly string[] Columns = ["name", "region", "management", "availability", "deploy status", "sync", "primary family", "network mode"];

    private static List<Subcloud> Fleet() =>
    [
        new Subcloud
        {
            Name = "subcloud1", Region = "0123456789abcdef0123456789abcdef", Management = ManagementState.Managed, Availability = SubcloudAvailability.Online,
            DeployStatus = "complete", Sync = SyncStatus.InSync, PrimaryFamily = AddressFamily.Ipv6, NetworkMode = NetworkMode.SingleStack,
        },
        new Subcloud
        {
            Name = "subcloud2", Region = "fedcba9876543210fedcba9876543210", Management = ManagementState.Managed, Availability = SubcloudAvailability.Online,
            DeployStatus = "complete", Sync = SyncStatus.OutOfSync, PrimaryFamily = AddressFamily.Ipv4, NetworkMode = NetworkMode.DualStack,
        },
        new Subcloud
        {
            Name = "subcloud3", Region = "00000000000000000000000000000003", Management = ManagementState.Unmanaged, Availability = SubcloudAvailability.Offline,
            DeployStatus = "not-deployed", Sync = SyncStatus.Unknown, PrimaryFamily = AddressFamily.Ipv4, NetworkMode = NetworkMode.SingleStack,
        },
    ];

    [Fact]
    public void Subcloud_list_has_the_contract_columns_and_names_the_network_mode_with_its_family()
    {
        var table = SubcloudTables.Subclouds(Fleet());
        Assert.Equal(Columns, table.Columns);
        Assert.Equal(["subcloud1", "0123456789abcdef0123456789abcdef", "managed", "online", "complete", "in-sync", "IPv6", "single-stack IPv6"], table.Rows[0]);
        Assert.Equal(["out-of-sync", "IPv4", "dual-stack"], table.Rows[1].Skip(5));
        Assert.Equal(["unmanaged", "offline", "not-deployed", "unknown", "IPv4", "single-stack IPv4"], table.Rows[2].Skip(2));
    }

    [Fact]
    public async Task Subcloud_list_prints_the_boxed_table_that_awk_can_split()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Subclouds.AddRange(Fleet());
        var result = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "list");
        Assert.Equal(ExitCodes.Success, result.Code);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("+-", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\| name +\| region +\| management +\| availability +\| deploy status +\| sync +\| primary family +\| network mode +\|$", lines[1]);
        Assert.Matches(@"^\| subcloud2 +\| fedcba9876543210fedcba9876543210 \| managed +\| online +\| complete +\| out-of-sync \| IPv4 +\| dual-stack +\|$", lines[4]);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task Subcloud_list_json_is_an_array_of_objects_keyed_by_the_column_names()
    {
        await using var server = await StandInServer.StartAsync();
        server.Controller.Subclouds.AddRange(Fleet());
        var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "subcloud", "list");
        Assert.Equal(ExitCodes.Success, result.Code);
        var array = JsonNode.Parse(result.Out)!.AsArray();
        Assert.Equal(3, array.Count);
        Assert.Equal(Columns, array[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("single-stack IPv6", (string?)array[0]!["network mode"]);
        Assert.Equal("dual-stack", (string?)array[1]!["network mode"]);
        Assert.Equal("not-deployed", (string?)array[2]!["deploy status"]);
    }

    [Fact]
    public void Subcloud_show_lists_subnets_and_each_endpoint_sync_D1_D7()
    {
        var subcloud = Fleet()[1];
        subcloud.Subnets.Add(new SubcloudSubnet { Network = "oam", Primary = "198.18.2.0/24", Secondary = "2001:db8:2::/64" });
        subcloud.EndpointSync.Add(new EndpointSync { Endpoint = "platform-network", Status = SyncStatus.OutOfSync });
        var rows = SubcloudTables.Subcloud(subcloud).Rows.ToDictionary(r => r[0]!, r => r[1]);
        Assert.Equal("198.18.2.0/24,2001:db8:2::/64", rows["oam subnets"]);
        Assert.Equal("out-of-sync", rows["platform-network sync"]);
        Assert.Null(rows["agent port"]);
    }

    [Fact]
    public async Task Subcloud_add_sends_the_bootstrap_file_text_and_every_option()
    {
        await using var server = await StandInServer.StartAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "system_mode: duplex\n");
            var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "subcloud", "add", "subcloud9", "--bootstrap", file,
                "--agent-address", "2001:db8::9", "--port", "50052", "--group", "edge", "--release", "25.09", "--description", "lab", "--location", "rack 3");
            Assert.Equal(ExitCodes.Success, result.Code);
            var sent = Assert.Single(server.Controller.Received<AddSubcloudRequest>());
            Assert.Equal(("subcloud9", "system_mode: duplex\n", "2001:db8::9", 50052u), (sent.Name, sent.BootstrapYaml, sent.AgentAddress, sent.AgentPort));
            Assert.Equal(("edge", "25.09", "lab", "rack 3"), (sent.Group, sent.Release, sent.Description, sent.Location));
            Assert.Equal("subcloud9", (string?)JsonNode.Parse(result.Out)!["name"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task S2_subcloud_add_prints_the_join_token_the_CA_fingerprint_and_the_agent_settings_after_the_subcloud()
    {
        await using var server = await StandInServer.StartAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "system_mode: simplex\n");
            var table = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "add", "subcloud9", "--bootstrap", file, "--agent-address", "fd01:9::1",
                "--port", "50052", "--token-expires", "2d");
            var json = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "subcloud", "add", "subcloud9", "--bootstrap", file, "--agent-address", "fd01:9::1");

            Assert.Equal(ExitCodes.Success, table.Code);
            var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^\| name +\| subcloud9 +\|$", lines.First(l => l.StartsWith("| name", StringComparison.Ordinal)));
            var afterSubcloud = table.Out[table.Out.IndexOf("| error", StringComparison.Ordinal)..];
            Assert.Matches($@"\| join token +\| {StandInController.SampleToken} +\|", afterSubcloud);
            Assert.Matches($@"\| ca fingerprint +\| {StandInController.SampleFingerprint} +\|", afterSubcloud);
            Assert.Contains($"--listen https://[fd01:9::1]:50052 --join-token {StandInController.SampleToken} --ca-fingerprint {StandInController.SampleFingerprint}", afterSubcloud, StringComparison.Ordinal);
            Assert.Contains("shown only now", table.Error, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromDays(2), server.Controller.Received<AddSubcloudRequest>().First().TokenExpires.ToTimeSpan());

            Assert.Equal(ExitCodes.Success, json.Code);
            var document = JsonNode.Parse(json.Out)!;
            Assert.Equal("subcloud9", (string?)document["name"]);
            Assert.Equal(StandInController.SampleToken, (string?)document["join_token"]);
            Assert.Equal(StandInController.SampleFingerprint, (string?)document["ca_fingerprint"]);
            Assert.Equal("2026-03-02T12:00:00Z", (string?)document["join_token_expires"]);
            Assert.Equal(StandInController.SampleToken, (string?)document["agent_settings"]!["join-token"]);
            Assert.Equal("https://[fd01:9::1]:0", (string?)document["agent_settings"]!["listen"]);
            Assert.Null(server.Controller.Received<AddSubcloudRequest>().Last().TokenExpires);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task S2_S3_subcloud_enroll_prints_a_new_token_and_subcloud_revoke_sends_the_name()
    {
        await using var server = await StandInServer.StartAsync();

        var enroll = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "subcloud", "enroll", "subcloud1", "--token-expires", "90m");
        var revoke = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "revoke", "subcloud1");
        var bad = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "enroll", "subcloud1", "--token-expires", "soon");

        Assert.Equal(ExitCodes.Success, enroll.Code);
        Assert.Equal(StandInController.SampleToken, (string?)JsonNode.Parse(enroll.Out)!["join_token"]);
        var sent = Assert.Single(server.Controller.Received<EnrollSubcloudRequest>());
        Assert.Equal(("subcloud1", TimeSpan.FromMinutes(90)), (sent.Name, sent.TokenExpires.ToTimeSpan()));
        Assert.Equal(ExitCodes.Success, revoke.Code);
        Assert.Equal("subcloud1", Assert.Single(server.Controller.Received<RevokeSubcloudRequest>()).Name);
        Assert.Matches(@"\| certificate +\| revoked +\|", revoke.Out);
        Assert.Equal(ExitCodes.Usage, bad.Code);
        Assert.Contains("--token-expires 'soon' is not a positive duration", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S5a_subcloud_access_sends_only_a_signing_request_and_writes_an_owner_only_config_for_the_agent()
    {
        await using var server = await StandInServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("dcctl-access-");
        try
        {
            var path = Path.Combine(directory.FullName, "access.yaml");

            var result = await Dcctl.RunAsync("--controller", server.Address, "-o", "json", "subcloud", "access", "subcloud1", "--role", "operator", "--expires", "2h", "--out", path);

            Assert.Equal(ExitCodes.Success, result.Code);
            var sent = Assert.Single(server.Controller.Received<IssueAccessCertificateRequest>());
            Assert.Equal(("subcloud1", AdminRole.Operator, TimeSpan.FromHours(2)), (sent.Subcloud, sent.Role, sent.Expires.ToTimeSpan()));
            // Only the request went out; its key is the one in the written configuration.
            var signingRequest = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequest(sent.SigningRequest.ToByteArray(),
                System.Security.Cryptography.HashAlgorithmName.SHA256);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var config = DistributedCloud.Security.Clients.DcctlConfig.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal("https://[fd01:1::2]:50052", config.Agent);
            Assert.Null(config.Controller);
            Assert.Null(config.Token);
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(config.ClientCertificate, config.ClientKey);
            Assert.Equal(signingRequest.PublicKey.EncodedKeyValue.RawData, certificate.PublicKey.EncodedKeyValue.RawData);
            Assert.True(DistributedCloud.Security.Pki.TrustBundle.FromPem(config.CaCertificate!).Validates(certificate, DateTimeOffset.UtcNow, TimeSpan.Zero, out var problem), problem);
            var answer = JsonNode.Parse(result.Out)!;
            Assert.Equal(path, (string?)answer["config"]);
            Assert.Equal("dc://access/subcloud1/operator/tester", (string?)answer["identity"]);
            Assert.Contains($"dcctl --config {path} host-list", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task S5a_subcloud_access_needs_a_role_and_a_positive_duration_and_calls_nothing_without()
    {
        await using var server = await StandInServer.StartAsync();

        var result = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "access", "subcloud1", "--role", "root", "--expires", "soon");
        var missing = await Dcctl.RunAsync("--controller", server.Address, "subcloud", "access", "subcloud1");

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("--role", result.Error, StringComparison.Ordinal);
        Assert.Contains("--expires 'soon' is not a positive duration", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, missing.Code);
        Assert.Contains("--expires", missing.Error, StringComparison.Ordinal);
        Assert.Empty(server.Controller.Received<IssueAccessCertificateRequest>());
        Assert.Equal("dcctl-access-sc1.yaml", DistributedCloud.Cli.Commands.Subclouds.SubcloudAccessCommand.DefaultPath("sc1"));
    }

    [Fact]
    public async Task Subcloud_group_update_sends_only_the_fields_given_in_its_mask_D10()
    {
        await using var server = await StandInServer.StartAsync();
        var result = await Dcctl.RunAsync("--controller", server.Address, "subcloud-group", "update", "edge", "--update-apply-type", "serial", "--description", "");
        Assert.Equal(ExitCodes.Success, result.Code);
        var sent = Assert.Single(server.Controller.Received<UpdateSubcloudGroupRequest>());
        Assert.Equal(["description", "update_apply_type"], sent.UpdateMask.Paths);
        Assert.Equal(ApplyType.Serial, sent.UpdateApplyType);
        Assert.Equal("edge", sent.Group);
    }
}
