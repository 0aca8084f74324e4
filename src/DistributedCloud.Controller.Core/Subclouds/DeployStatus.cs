namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>How far a subcloud's deployment got (D-1, D-2): <c>not-deployed</c> until its agent reports complete.</summary>
public enum DeployStatus
{
    NotDeployed,
    Complete,
}
