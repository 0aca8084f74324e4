using System.Diagnostics;
using System.Text.Json;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Interop;

/// <summary>
/// The official Python gRPC implementation (Debian's python3-grpcio) as a client of our services: it knows them only
/// from the repository's protos/ and the standard health and reflection protos vendored under Interop/protos/standard.
/// </summary>
public static class GrpcioClient
{
    public const string Python = "/usr/bin/python3";

    private static string Here => Path.Combine(AppContext.BaseDirectory, "Interop");

    /// <summary>Runs one scenario of grpcio_client.py against <paramref name="url"/> and returns its JSON answer.</summary>
    public static async Task<JsonElement> RunAsync(string url, string scenario, string? argument = null)
    {
        var stubs = Path.Combine(Path.GetTempPath(), "dc-grpcio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stubs);
        try
        {
            var start = new ProcessStartInfo(Python) { ArgumentList = { Path.Combine(Here, "grpcio_client.py"), Path.Combine(AppContext.BaseDirectory, "protos"),
                Path.Combine(Here, "protos"), stubs, new Uri(url).Authority, scenario } };
            if (argument is not null)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["GRPC_VERBOSITY"] = "ERROR";
            if (SiteHostProcess.ConfigFor(url) is { } configPath)
            {
                var config = DistributedCloud.Security.Clients.DcctlConfig.Parse(await File.ReadAllTextAsync(configPath));
                var caFile = Path.Combine(stubs, "ca.pem");
                await File.WriteAllTextAsync(caFile, config.CaCertificate);
                start.Environment["DC_CA_FILE"] = caFile;
                start.Environment["DC_TOKEN"] = config.Token ?? string.Empty;
            }
            var (code, stdout, stderr) = await ProcessRunner.RunAsync(start, TimeSpan.FromSeconds(90), $"grpcio client {scenario}");
            Assert.True(code == 0, $"grpcio client {scenario} exited {code}:\n{stdout}\n{stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(stubs, recursive: true);
        }
    }

    public static string Code(this JsonElement answer) => answer.GetProperty("code").GetString()!;

    /// <summary>The field violations of the answer's google.rpc.BadRequest detail: (field, description, reason).</summary>
    public static IReadOnlyList<(string Field, string Description, string Reason)> Violations(this JsonElement answer) =>
        answer.GetProperty("details").EnumerateArray()
            .Where(d => d.GetProperty("type").GetString() == "google.rpc.BadRequest")
            .SelectMany(d => d.GetProperty("value").GetProperty("fieldViolations").EnumerateArray())
            .Select(v => (v.GetProperty("field").GetString()!, v.GetProperty("description").GetString()!, v.GetProperty("reason").GetString()!))
            .ToArray();

    public static IReadOnlyList<string> Strings(this JsonElement answer, string property) =>
        answer.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
