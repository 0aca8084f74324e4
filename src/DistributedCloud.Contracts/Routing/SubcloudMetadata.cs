using Grpc.Core;

namespace DistributedCloud.Contracts.Routing;

/// <summary>
/// A SubcloudAgent call to the system controller names the subcloud it is for in this request metadata (architecture
/// decision 2); without it the call acts on the controller's own site.
/// </summary>
public static class SubcloudMetadata
{
    public const string Key = "dc-subcloud";

    /// <summary>The subcloud a call names, or null for the controller's own site.</summary>
    public static string? Read(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var value = headers.GetValue(Key);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
