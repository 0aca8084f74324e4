using System.Diagnostics;
using System.Globalization;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>
/// A running peer server process (grpcio or grpc-js) that printed "PORT n" once listening; disposing
/// it closes its stdin (the peer stops) and kills it if it has not exited within 3 s.
/// </summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private readonly Process _process;

    private PeerServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PeerServer> StartAsync(ProcessStartInfo info, string name)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                    ?? throw new InvalidOperationException($"{name} server exited before listening: " + await stderr);
                if (line.StartsWith("PORT ", StringComparison.Ordinal))
                {
                    return new PeerServer(process, int.Parse(line[5..], CultureInfo.InvariantCulture));
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
