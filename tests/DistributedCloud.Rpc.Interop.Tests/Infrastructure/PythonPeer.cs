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
        return await PeerProcess.RunJsonAsync(StartInfo(arguments), $"python client '{scenario}'", TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts a grpcio server on an ephemeral port.</summary>
    public static async Task<PeerServer> StartServerAsync(params string[] extra)
    {
        var stubs = await StubsAsync();
        var arguments = new List<string> { Script, stubs, "server" };
        arguments.AddRange(extra);
        return await PeerServer.StartAsync(StartInfo(arguments), "python");
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = PeerProcess.StartInfo(Python, arguments);
        info.Environment["GRPC_VERBOSITY"] = "ERROR"; // keep grpcio quiet
        return info;
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

        var roots = PeerProcess.ProtoRoots;
        var arguments = new List<string> { "-m", "grpc_tools.protoc" };
        arguments.AddRange(roots.Select(r => "-I" + r));
        arguments.Add("--python_out=" + output);
        arguments.Add("--grpc_python_out=" + output);
        foreach (var root in roots)
        {
            arguments.AddRange(Directory.EnumerateFiles(root, "*.proto", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f)));
        }

        var (exit, stdout, stderr) = await PeerProcess.RunAsync(StartInfo(arguments), TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"grpc_tools.protoc failed ({exit}): {stdout}\n{stderr}");
        }

        return output;
    }
}
