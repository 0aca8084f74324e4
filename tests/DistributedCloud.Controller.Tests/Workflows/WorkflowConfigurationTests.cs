using DistributedCloud.Controller.Core.Workflows.Bus;
using Microsoft.Extensions.Configuration;

namespace DistributedCloud.Controller.Tests.Workflows;

/// <summary>D-21: the transport and the workflow timings come from configuration, read strictly.</summary>
public sealed class WorkflowConfigurationTests
{
    private static WorkflowConfiguration Read(params (string Key, string Value)[] settings) =>
        WorkflowConfiguration.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void D21_without_settings_the_bus_is_in_memory_with_the_documented_timings()
    {
        var read = Read();

        Assert.True(read.IsValid);
        Assert.Equal(BusTransport.InMemory, read.Bus.Transport);
        Assert.Equal(TimeSpan.FromMinutes(20), read.Workflows.HostActionTimeout);
        Assert.Equal(32, read.Workflows.ConcurrentWorkflows);
    }

    [Fact]
    public void D21_RabbitMq_takes_its_broker_from_configuration()
    {
        var read = Read(("Bus:Transport", "rabbitmq"), ("Bus:RabbitMq:Host", "127.0.0.1"), ("Bus:RabbitMq:Port", "5673"),
            ("Bus:RabbitMq:VirtualHost", "dc"), ("Bus:RabbitMq:Username", "controller"), ("Bus:RabbitMq:Password", "secret"),
            ("Workflows:HostActionTimeout", "00:05:00"));

        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        Assert.Equal(BusTransport.RabbitMq, read.Bus.Transport);
        Assert.Equal(("127.0.0.1", 5673, "dc", "controller", "secret"),
            (read.Bus.RabbitMq.Host, read.Bus.RabbitMq.Port, read.Bus.RabbitMq.VirtualHost, read.Bus.RabbitMq.Username, read.Bus.RabbitMq.Password));
        Assert.Equal(TimeSpan.FromMinutes(5), read.Workflows.HostActionTimeout);
    }

    [Fact]
    public void D21_a_numeric_transport_a_zero_concurrency_and_a_zero_timeout_are_each_reported()
    {
        var read = Read(("Bus:Transport", "1"), ("Workflows:ConcurrentWorkflows", "0"), ("Workflows:HostActionTimeout", "00:00:00"));

        Assert.Equal(3, read.Problems.Count);
        Assert.Contains(read.Problems, p => p.StartsWith("Bus:Transport '1'", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.StartsWith("Workflows:ConcurrentWorkflows '0'", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.StartsWith("Workflows:HostActionTimeout '00:00:00'", StringComparison.Ordinal));
    }

    [Fact]
    public void D21_the_RabbitMq_transport_refuses_an_empty_host()
    {
        var read = Read(("Bus:Transport", "RabbitMq"), ("Bus:RabbitMq:Host", " "));

        Assert.StartsWith("Bus:RabbitMq:Host is empty", Assert.Single(read.Problems), StringComparison.Ordinal);
    }
}
