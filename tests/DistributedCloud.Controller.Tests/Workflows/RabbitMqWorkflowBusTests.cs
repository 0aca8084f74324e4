namespace DistributedCloud.Controller.Tests.Workflows;

/// <summary>
/// The same scenarios over a real RabbitMQ broker (D-21). <c>scripts/test</c> starts one on loopback and exports
/// <c>DC_TEST_RABBITMQ=amqp://user:password@127.0.0.1:PORT/</c>; without it these tests fail, unless
/// <c>DC_TEST_ALLOW_NO_RABBITMQ=1</c> says running without a broker is intended (so CI never skips them silently).
/// </summary>
public sealed class RabbitMqWorkflowBusTests : StrategyExecutionScenarios
{
    protected override IEnumerable<KeyValuePair<string, string?>> Transport()
    {
        var url = Environment.GetEnvironmentVariable("DC_TEST_RABBITMQ");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (Environment.GetEnvironmentVariable("DC_TEST_ALLOW_NO_RABBITMQ") == "1")
            {
                return [];
            }

            Assert.Fail("DC_TEST_RABBITMQ is not set: run these tests through scripts/test (it starts a loopback RabbitMQ), "
                + "or set DC_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:5672/ for a broker of your own, "
                + "or DC_TEST_ALLOW_NO_RABBITMQ=1 to run them on the in-memory transport instead.");
        }

        var uri = new Uri(url);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return
        [
            new("Bus:Transport", "RabbitMq"),
            new("Bus:RabbitMq:Host", uri.Host),
            new("Bus:RabbitMq:Port", (uri.IsDefaultPort ? 5672 : uri.Port).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Bus:RabbitMq:VirtualHost", virtualHost.Length == 0 ? "/" : virtualHost),
            new("Bus:RabbitMq:Username", credentials[0]),
            new("Bus:RabbitMq:Password", credentials.Length > 1 ? credentials[1] : string.Empty),
        ];
    }
}
