using System.Diagnostics;
using System.Globalization;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>A running grpcio server process; disposing it stops (and if need be kills) the process.</summary>
internal sealed class PythonServer : IAsyncDisposable
{
    private readonly Process _process;

    private PythonServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PythonServer> StartAsync(IEnumerable<string> arguments)
    {
        var process = Process.Start(PythonPeer.StartInfo(arguments)) ?? throw new InvalidOperationException("python3 did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                    ?? throw new InvalidOperationException("python server exited before listening: " + await stderr);
                if (line.StartsWith("PORT ", StringComparison.Ordinal))
                {
                    return new PythonServer(process, int.Parse(line[5..], CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
