using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DistributedCloud.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A stand-in OTLP/HTTP collector on loopback: accepts every POST (200, empty body) and keeps each request's path and
/// body, so a test can see what a host exported (OTLP protobuf keeps names and string values as plain UTF-8).
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _received = [];
    private readonly Task _serving;

    public OtlpCollector()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>What arrived so far: (path, body).</summary>
    public IReadOnlyList<(string Path, byte[] Body)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Waits until requests to <paramref name="path"/> carried every one of <paramref name="texts"/>; fails listing what arrived.</summary>
    public async Task WaitForAsync(string path, params string[] texts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var bodies = Received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToArray();
            if (texts.All(t => bodies.Any(b => b.Contains(t, StringComparison.Ordinal))))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"within 30 s, no export to {path} carried all of [{string.Join(", ", texts)}]; received: {string.Join(", ", Received.Select(r => $"{r.Path} ({r.Body.Length} bytes)"))}");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception closed) when (closed is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
