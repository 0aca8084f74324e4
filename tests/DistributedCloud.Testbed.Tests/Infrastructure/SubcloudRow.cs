using System.Text.Json;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>One row of <c>dcctl subcloud list -o json</c>.</summary>
public sealed record SubcloudRow(string Name, string Management, string Availability, string DeployStatus, string Sync, string PrimaryFamily, string NetworkMode)
{
    public static SubcloudRow Parse(JsonElement row)
    {
        string Get(string key) => row.GetProperty(key).GetString() ?? string.Empty;
        return new SubcloudRow(Get("name"), Get("management"), Get("availability"), Get("deploy status"), Get("sync"), Get("primary family"), Get("network mode"));
    }
}
