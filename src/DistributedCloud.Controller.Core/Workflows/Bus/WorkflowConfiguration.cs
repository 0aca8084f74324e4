using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>
/// The <c>Bus</c> and <c>Workflows</c> sections read from configuration, with every bad key found (a wrong value, an
/// unknown key, a RabbitMQ setting missing): the transport is chosen while services are registered, so the values are
/// read then, and <see cref="WorkflowConfigurationValidator"/> fails the start listing <see cref="Problems"/>.
/// </summary>
public sealed record WorkflowConfiguration(BusOptions Bus, WorkflowOptions Workflows, IReadOnlyList<string> Problems)
{
    private static readonly string[] BusKeys = ["Transport", "RabbitMq"];
    private static readonly string[] RabbitKeys = ["Host", "Port", "VirtualHost", "Username", "Password"];
    private static readonly string[] WorkflowKeys =
    [
        nameof(WorkflowOptions.HostActionTimeout), nameof(WorkflowOptions.HostActionPollInterval), nameof(WorkflowOptions.AgentRetryDelay),
        nameof(WorkflowOptions.OutboxSweepInterval), nameof(WorkflowOptions.ExecutorTickInterval), nameof(WorkflowOptions.ConcurrentWorkflows),
    ];

    public bool IsValid => Problems.Count == 0;

    public static WorkflowConfiguration Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var bus = new BusOptions();
        var workflows = new WorkflowOptions();
        var busSection = configuration.GetSection(BusOptions.Section);
        Unknown(busSection, BusKeys, problems);
        if (busSection["Transport"] is { } transport)
        {
            if (Enum.TryParse<BusTransport>(transport.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !transport.Trim().All(char.IsDigit))
            {
                bus.Transport = parsed;
            }
            else
            {
                problems.Add($"Bus:Transport '{transport}' is not a transport; use InMemory (the default, no server) or RabbitMq (D-21).");
            }
        }

        var rabbit = busSection.GetSection("RabbitMq");
        Unknown(rabbit, RabbitKeys, problems);
        bus.RabbitMq.Host = Text(rabbit, "Host", bus.RabbitMq.Host, bus.Transport == BusTransport.RabbitMq, problems);
        bus.RabbitMq.VirtualHost = Text(rabbit, "VirtualHost", bus.RabbitMq.VirtualHost, bus.Transport == BusTransport.RabbitMq, problems);
        bus.RabbitMq.Username = Text(rabbit, "Username", bus.RabbitMq.Username, bus.Transport == BusTransport.RabbitMq, problems);
        bus.RabbitMq.Password = rabbit["Password"] ?? bus.RabbitMq.Password;
        if (rabbit["Port"] is { } port)
        {
            if (int.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535)
            {
                bus.RabbitMq.Port = number;
            }
            else
            {
                problems.Add($"Bus:RabbitMq:Port '{port}' is not a TCP port; give a number from 1 to 65535 (5672 is RabbitMQ's).");
            }
        }

        var section = configuration.GetSection(WorkflowOptions.Section);
        Unknown(section, WorkflowKeys, problems);
        workflows.HostActionTimeout = Duration(section, nameof(WorkflowOptions.HostActionTimeout), workflows.HostActionTimeout, problems);
        workflows.HostActionPollInterval = Duration(section, nameof(WorkflowOptions.HostActionPollInterval), workflows.HostActionPollInterval, problems);
        workflows.AgentRetryDelay = Duration(section, nameof(WorkflowOptions.AgentRetryDelay), workflows.AgentRetryDelay, problems);
        workflows.OutboxSweepInterval = Duration(section, nameof(WorkflowOptions.OutboxSweepInterval), workflows.OutboxSweepInterval, problems);
        workflows.ExecutorTickInterval = Duration(section, nameof(WorkflowOptions.ExecutorTickInterval), workflows.ExecutorTickInterval, problems);
        if (section[nameof(WorkflowOptions.ConcurrentWorkflows)] is { } concurrent)
        {
            if (int.TryParse(concurrent.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is > 0 and <= 1000)
            {
                workflows.ConcurrentWorkflows = limit;
            }
            else
            {
                problems.Add($"Workflows:ConcurrentWorkflows '{concurrent}' is not a count from 1 to 1000.");
            }
        }

        return new WorkflowConfiguration(bus, workflows, problems);
    }

    private static void Unknown(IConfigurationSection section, string[] known, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path} is not a setting; {section.Path} takes {string.Join(", ", known)}.");
            }
        }
    }

    private static string Text(IConfigurationSection section, string key, string fallback, bool required, List<string> problems)
    {
        var value = section[key];
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add($"{section.Path}:{key} is empty; the RabbitMq transport needs it (leave the key out for '{fallback}').");
            }

            return fallback;
        }

        return value.Trim();
    }

    private static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, List<string> problems)
    {
        var value = section[key];
        if (value is null)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        problems.Add($"{section.Path}:{key} '{value}' is not a positive duration; write hh:mm:ss[.fff], e.g. 00:00:30.");
        return fallback;
    }
}
