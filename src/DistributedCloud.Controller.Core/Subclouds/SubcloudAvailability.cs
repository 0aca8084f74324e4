namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Whether the subcloud's agent answers audits (D-1, D-6). A new subcloud is offline (D-2).</summary>
public enum SubcloudAvailability
{
    Offline,
    Online,
}
