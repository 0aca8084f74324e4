namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>The workflow bus (configuration section <c>Bus</c>, D-21): <c>Transport</c> = InMemory (default) | RabbitMq.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();
}
