using System.Diagnostics;
using System.Text.Json;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>
/// The official Node.js implementation as a peer: @grpc/grpc-js with @grpc/proto-loader loading the
/// repository's protos at run time. The packages live in this project's node/ folder (package.json and
/// package-lock.json committed, node_modules git-ignored), installed there by scripts/test with npm ci.
/// </summary>
internal static class NodePeer
{
    /// <summary>Overrides where node/ (peer.js and node_modules) is looked for.</summary>
    public const string DirectoryVariable = "DC_RPC_INTEROP_NODE_DIR";

    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>Runs one client scenario and returns its JSON answer.</summary>
    public static Task<JsonElement> RunClientAsync(string scenario, string target, params string[] extra)
    {
        var arguments = new List<string> { "client", scenario, "--target", target };
        arguments.AddRange(extra);
        return PeerProcess.RunJsonAsync(StartInfo(arguments), $"grpc-js client '{scenario}'", TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts a grpc-js server on an ephemeral port.</summary>
    public static Task<PeerServer> StartServerAsync(params string[] extra)
    {
        var arguments = new List<string> { "server" };
        arguments.AddRange(extra);
        return PeerServer.StartAsync(StartInfo(arguments), "grpc-js");
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var folder = Folder.Value;
        var all = new List<string> { Path.Combine(folder, "peer.js"), "--protos", string.Join(',', PeerProcess.ProtoRoots) };
        all.AddRange(arguments);
        var info = PeerProcess.StartInfo("node", all);
        info.WorkingDirectory = folder;
        info.Environment["GRPC_NODE_VERBOSITY"] = "NONE";
        info.Environment.Remove("NODE_OPTIONS");
        return info;
    }

    /// <summary>
    /// The node/ folder of this test project in the source tree: found from the test assembly upwards
    /// (bin/&lt;configuration&gt;/&lt;tfm&gt;/ sits inside the project), or named by <see cref="DirectoryVariable"/>.
    /// </summary>
    private static string Locate()
    {
        var named = Environment.GetEnvironmentVariable(DirectoryVariable);
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(named))
        {
            candidates.Add(named);
        }
        else
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, "node"));
            }
        }

        var folder = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "peer.js")) && File.Exists(Path.Combine(c, "package.json")))
            ?? throw new InvalidOperationException(
                $"the grpc-js peer (node/peer.js of the interop test project) was not found above {AppContext.BaseDirectory}; set {DirectoryVariable}");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException(
                $"@grpc/grpc-js is not installed in {folder}: run scripts/test (or 'npm ci --no-audit --no-fund' there)");
        }

        return folder;
    }
}
