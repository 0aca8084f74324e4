using System.Diagnostics;
using System.Text.Json;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>Runs a peer's one-shot commands (stub generation, client scenarios), bounded in time.</summary>
internal static class PeerProcess
{
    /// <summary>The repository's protos and the test proto, as copied next to the test assembly.</summary>
    public static string[] ProtoRoots =>
        [Path.Combine(AppContext.BaseDirectory, "protos"), Path.Combine(AppContext.BaseDirectory, "Protos")];

    /// <summary>A start info with redirected streams and no proxy settings of the machine.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
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

        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("HTTP_PROXY");
        info.Environment.Remove("HTTPS_PROXY");
        info.Environment.Remove("grpc_proxy");
        info.Environment["no_grpc_proxy"] = "*";
        return info;
    }

    /// <summary>Runs to completion; killed (with its children) after <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
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
            throw new TimeoutException($"{info.FileName} did not finish within {timeout}: {string.Join(' ', info.ArgumentList)}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a client scenario and parses the JSON object on its last output line.</summary>
    public static async Task<JsonElement> RunJsonAsync(ProcessStartInfo info, string what, TimeSpan timeout)
    {
        var (exit, stdout, stderr) = await RunAsync(info, timeout);
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exit != 0 || last is null)
        {
            throw new InvalidOperationException($"{what} exited {exit}: {stdout}\n{stderr}");
        }

        return JsonDocument.Parse(last).RootElement.Clone();
    }
}
