namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>The broker of the RabbitMQ transport (configuration section <c>Bus:RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}
