namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>The network mode a network-mode strategy converts subclouds to (D-13).</summary>
public enum NetworkModeTarget
{
    DualStack,
    SingleStack,
}
