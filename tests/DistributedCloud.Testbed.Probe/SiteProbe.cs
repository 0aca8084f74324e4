using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Clients;
using DistributedCloud.Security.Pki;
using System.Text.Json;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Controller.Core.Agents;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Testbed.Probe;

/// <summary>
/// Calls GetSite over one channel (the controller's <see cref="FamilyConnector"/> restricting the dial to one family, as it does for subclouds) and writes one JSON
/// line per call: the outcome (OK or the status code), the arrival family and addresses the agent saw, and its
/// primary family. A failed call is an outcome, not an error: the test bed asserts on it.
/// </summary>
public static class SiteProbe
{
    public static async Task RunAsync(ProbeRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var handler = new SocketsHttpHandler { ConnectTimeout = request.Timeout };
        if (request.Family is { } family)
        {
            handler.ConnectCallback = new FamilyConnector(family, request.Names.Count == 0
                ? null
                : (name, _) => Task.FromResult(request.Names.TryGetValue(name, out var ips) ? ips : [])).ConnectAsync;
        }

        var headers = new Metadata();
        using var certificate = request.Config is { } path ? Authenticate(DcctlConfig.Parse(File.ReadAllText(path)), handler, headers) : null;
        using var channel = GrpcChannel.ForAddress(request.Url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var client = new SubcloudAgent.SubcloudAgentClient(channel);
        // What dcctl --agent sends (docs/agent.md, "Fencing"): the operator's claim, which every bed agent accepts at epoch 0.
        FencingToken.Operator.WriteTo(headers);
        for (var i = 0; i < request.Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var line = new Dictionary<string, object?>();
            try
            {
                var site = await client.GetSiteAsync(new GetSiteRequest(), headers, DateTime.UtcNow + request.Timeout);
                line["outcome"] = "OK";
                line["arrival_family"] = Family(site.ArrivalFamily);
                line["arrival_local_address"] = Unbracket(site.ArrivalLocalAddress);
                line["arrival_peer_address"] = Unbracket(site.ArrivalPeerAddress);
                line["primary_family"] = Family(site.PrimaryFamily);
                line["system_name"] = site.SystemName;
            }
            catch (RpcException failed)
            {
                line["outcome"] = failed.StatusCode.ToString();
                line["detail"] = failed.Status.Detail;
            }

            line["elapsed_ms"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await output.WriteLineAsync(JsonSerializer.Serialize(line));
        }
    }

    /// <summary>
    /// As dcctl does with a configuration: the agent's certificate must chain to its CA (addresses in its names are
    /// informative: the probe dials secondaries and names on purpose), and the caller proves itself with the token or
    /// the client certificate. Returns the client certificate to dispose.
    /// </summary>
    private static X509Certificate2? Authenticate(DcctlConfig config, SocketsHttpHandler handler, Metadata headers)
    {
        if (config.CaCertificate is { Length: > 0 } pem)
        {
            var trust = TrustBundle.FromPem(pem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is X509Certificate2 server && trust.Validates(server, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _);
        }

        if (config.Token is { Length: > 0 } token)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        if (config.ClientCertificate is not { Length: > 0 } certificatePem)
        {
            return null;
        }

        var certificate = X509Certificate2.CreateFromPem(certificatePem, config.ClientKey);
        handler.SslOptions.ClientCertificates = [certificate];
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        return certificate;
    }

    private static string Family(AddressFamily family) => family switch
    {
        AddressFamily.Ipv4 => "ipv4",
        AddressFamily.Ipv6 => "ipv6",
        _ => "unspecified",
    };

    // The agent reports bare addresses; keep the probe's output comparable whatever form it takes.
    private static string Unbracket(string address) =>
        IPAddress.TryParse(address.Trim('[', ']'), out var ip) ? ip.ToString() : address;
}
