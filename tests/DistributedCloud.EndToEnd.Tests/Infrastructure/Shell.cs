using System.Diagnostics;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs shell text with a <c>dcctl</c> command on PATH, so scripts written for the reference platform's CLI run
/// as they are written.
/// </summary>
public sealed class Shell : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("dcctl-bin-").FullName;
    private readonly Dictionary<string, string> _environment;

    public Shell(IReadOnlyDictionary<string, string> environment)
    {
        _environment = new Dictionary<string, string>(environment) { ["NO_COLOR"] = "1", ["COLUMNS"] = "250" };
        var wrapper = Path.Combine(_bin, "dcctl");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Dcctl.AssemblyPath}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public async Task<DcctlResult> RunAsync(string script, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(start, timeout ?? TimeSpan.FromMinutes(2), $"the script\n{script}\n");
        return new DcctlResult(exitCode, stdout, stderr);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);
}
