using System.Diagnostics;
using System.Globalization;
using System.Text;
using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Drivers;

/// <summary>
/// Runs a configured command line per action (H-16), for example a site's own platform CLI. Exit code 0 is success;
/// any other exit code, a timeout or a command that cannot start fails the action with the command's output.
/// </summary>
public sealed class ExecHostDriver : IHostDriver
{
    public const string DriverName = "exec";

    private readonly ExecHostDriverOptions _options;

    public ExecHostDriver(ExecHostDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Name => DriverName;

    public async Task<HostDriverResult> RunAsync(HostDriverRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (!_options.Commands.TryGetValue(request.Action, out var template) || string.IsNullOrWhiteSpace(template))
        {
            return HostDriverResult.Failure(
                $"the exec host driver has no command for host-{request.Action.Name()}; configure one (HostDriver:Exec:Commands:{request.Action})");
        }

        var line = Substitute(template, request);
        var start = new ProcessStartInfo(_options.Shell)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        start.Environment["DC_HOST"] = request.HostName;
        start.Environment["DC_PEER"] = request.PeerName ?? string.Empty;
        start.Environment["DC_FORCE"] = request.Force ? "1" : "0";
        start.Environment["DC_ACTION"] = request.Action.Name();
        start.Environment["DC_OPERATION_ID"] = request.OperationId;

        var output = new StringBuilder();
        var gate = new Lock();
        void Collect(string? data)
        {
            if (data is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(data);
            }

            progress.Report(data);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return HostDriverResult.Failure($"cannot start '{_options.Shell} -c {line}': {ex.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        progress.Report($"{request.Action.Task(request.Force)} {request.HostName}: running '{line}'");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own meanwhile.
            }

            var why = cancellationToken.IsCancellationRequested ? "was cancelled" : $"timed out after {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            return HostDriverResult.Failure($"'{line}' {why}{Tail(output, gate)}");
        }

        // The exit event can come before the last output lines; WaitForExit() without a timeout drains them.
        process.WaitForExit();
        var text = Text(output, gate);
        return process.ExitCode == 0
            ? HostDriverResult.Success(text, 0)
            : HostDriverResult.Failure($"'{line}' exited with code {process.ExitCode}{(text.Length > 0 ? ": " + text : string.Empty)}", process.ExitCode);
    }

    private string Text(StringBuilder output, Lock gate)
    {
        string text;
        lock (gate)
        {
            text = output.ToString().Trim();
        }

        return text.Length <= _options.MaxOutputLength ? text : "..." + text[^_options.MaxOutputLength..];
    }

    private string Tail(StringBuilder output, Lock gate)
    {
        var text = Text(output, gate);
        return text.Length > 0 ? ": " + text : string.Empty;
    }

    private static string Substitute(string template, HostDriverRequest request) => template
        .Replace("{host}", Quote(request.HostName), StringComparison.Ordinal)
        .Replace("{peer}", Quote(request.PeerName ?? string.Empty), StringComparison.Ordinal)
        .Replace("{force}", request.Force ? "--force" : string.Empty, StringComparison.Ordinal)
        .Replace("{operation}", Quote(request.OperationId), StringComparison.Ordinal);

    /// <summary>POSIX single quoting: the value reaches the command as one word, whatever it holds.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
