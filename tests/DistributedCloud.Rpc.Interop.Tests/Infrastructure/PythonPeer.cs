using System.Diagnostics;
using System.Text.Json;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>
/// The official gRPC implementation as a peer: Debian's python3-grpcio, with stubs generated from the
/// repository's protos (and the test proto) by python3-grpc-tools once per test run.
/// </summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<Task<string>> Stubs = new(GenerateStubsAsync);

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Python", "peer.py");

    public static Task<string> StubsAsync() => Stubs.Value;

    /// <summary>Runs one client scenario and returns its JSON answer.</summary>
    public static async Task<JsonElement> RunClientAsync(string scenario, string target, params string[] extra)
    {
        var stubs = await StubsAsync();
        var arguments = new List<string> { Script, stubs, "client", scenario, "--target", target };
        arguments.AddRange(extra);
        var (exit, stdout, stderr) = await RunAsync(arguments, TimeSpan.FromSeconds(60));
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exit != 0 || last is null)
        {
            throw new InvalidOperationException($"python client '{scenario}' exited {exit}: {stdout}\n{stderr}");
        }

        return JsonDocument.Parse(last).RootElement.Clone();
    }

    /// <summary>Starts a grpcio server on an ephemeral port.</summary>
    public static async Task<PythonServer> StartServerAsync(params string[] extra)
    {
        var stubs = await StubsAsync();
        var arguments = new List<string> { Script, stubs, "server" };
        arguments.AddRange(extra);
        return await PythonServer.StartAsync(arguments);
    }

    internal static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep grpcio quiet and away from any proxy settings of the machine.
        info.Environment["GRPC_VERBOSITY"] = "ERROR";
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("HTTP_PROXY");
        info.Environment.Remove("HTTPS_PROXY");
        info.Environment["no_grpc_proxy"] = "*";
        return info;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {timeout}: {string.Join(' ', arguments)}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> GenerateStubsAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "dc-rpc-interop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        var roots = new[] { Path.Combine(AppContext.BaseDirectory, "protos"), Path.Combine(AppContext.BaseDirectory, "Protos") };
        var arguments = new List<string> { "-m", "grpc_tools.protoc" };
        arguments.AddRange(roots.Select(r => "-I" + r));
        arguments.Add("--python_out=" + output);
        arguments.Add("--grpc_python_out=" + output);
        foreach (var root in roots)
        {
            arguments.AddRange(Directory.EnumerateFiles(root, "*.proto", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f)));
        }

        var (exit, stdout, stderr) = await RunAsync(arguments, TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"grpc_tools.protoc failed ({exit}): {stdout}\n{stderr}");
        }

        return output;
    }
}
