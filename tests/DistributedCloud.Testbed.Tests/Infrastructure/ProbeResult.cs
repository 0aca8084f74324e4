using System.Text.Json;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>One GetSite call made by dctb-probe inside a bed namespace: its outcome and what the agent saw.</summary>
public sealed record ProbeResult(string Outcome, string? ArrivalFamily, string? ArrivalLocalAddress, string? ArrivalPeerAddress,
    string? PrimaryFamily, string? Detail)
{
    public bool Ok => Outcome == "OK";

    public static ProbeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Get(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new ProbeResult(Get("outcome")!, Get("arrival_family"), Get("arrival_local_address"), Get("arrival_peer_address"),
            Get("primary_family"), Get("detail"));
    }
}
