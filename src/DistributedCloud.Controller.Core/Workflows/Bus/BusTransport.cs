namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>D-21: where workflow messages travel.</summary>
public enum BusTransport
{
    /// <summary>In the controller process (the embedded default; D-20 re-queues what a restart lost).</summary>
    InMemory,

    /// <summary>A RabbitMQ broker (<c>Bus:RabbitMq:*</c>).</summary>
    RabbitMq,
}
