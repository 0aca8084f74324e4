namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Whether the controller manages a subcloud (D-1, D-3). A new subcloud is unmanaged (D-2).</summary>
public enum ManagementState
{
    Unmanaged,
    Managed,
}
