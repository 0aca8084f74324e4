namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>The position of a scenario in its class (<see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
