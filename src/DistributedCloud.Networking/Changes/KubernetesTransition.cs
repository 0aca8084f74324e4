namespace DistributedCloud.Networking.Changes;

/// <summary>What a change does to Kubernetes dual-stack (N-27).</summary>
public enum KubernetesTransition
{
    None,
    DualStackOn,
    DualStackOff,
}
