using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>
/// A bare HTTP/2 server on 127.0.0.1 that observes the client's frames: it settles SETTINGS, records
/// every PING the client sends (and acknowledges it unless told not to), notes request streams and
/// never answers them, so calls stay open for as long as a test needs.
/// </summary>
internal sealed class RawHttp2Server : IAsyncDisposable
{
    private const int FrameHeaderLength = 9;
    private const byte Settings = 0x4;
    private const byte Ping = 0x6;
    private const byte Headers = 0x1;
    private const byte Ack = 0x1;

    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly bool _answerPings;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<TimeSpan> _pings = Channel.CreateUnbounded<TimeSpan>();
    private readonly TaskCompletionSource _streamOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _pingCount;

    private RawHttp2Server(bool answerPings)
    {
        _answerPings = answerPings;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many PINGs the client has sent so far.</summary>
    public int PingCount => Volatile.Read(ref _pingCount);

    /// <summary>Completes when the first request HEADERS arrive.</summary>
    public Task StreamOpened => _streamOpened.Task;

    /// <param name="answerPings">false: PINGs go unanswered, as from a peer that has gone away.</param>
    public static RawHttp2Server Start(bool answerPings = true) => new(answerPings);

    /// <summary>
    /// The times (since the server started) of the next client PINGs: returns once <paramref name="enough"/>
    /// arrived or <paramref name="window"/> has passed.
    /// </summary>
    public async Task<List<TimeSpan>> PingsWithinAsync(TimeSpan window, int enough)
    {
        var seen = new List<TimeSpan>();
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (seen.Count < enough)
            {
                seen.Add(await _pings.Reader.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] running;
        lock (_connections)
        {
            running = [_accepting, .. _connections];
        }

        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(socket));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        await using var registration = _stop.Token.Register(() => socket.Dispose());
        try
        {
            var preface = new byte[Preface.Length];
            await stream.ReadExactlyAsync(preface, _stop.Token);
            if (!preface.AsSpan().SequenceEqual(Preface))
            {
                return;
            }

            await WriteFrameAsync(stream, Settings, 0, []);
            var header = new byte[FrameHeaderLength];
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                var type = header[3];
                var flags = header[4];
                var payload = new byte[length];
                await stream.ReadExactlyAsync(payload, _stop.Token);
                switch (type)
                {
                    case Settings when (flags & Ack) == 0:
                        await WriteFrameAsync(stream, Settings, Ack, []);
                        break;
                    case Ping when (flags & Ack) == 0:
                        Interlocked.Increment(ref _pingCount);
                        _pings.Writer.TryWrite(_clock.Elapsed);
                        if (_answerPings)
                        {
                            await WriteFrameAsync(stream, Ping, Ack, payload);
                        }

                        break;
                    case Headers:
                        _streamOpened.TrySetResult();
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client closed the connection, or the test is over.
        }
    }

    private async Task WriteFrameAsync(Stream stream, byte type, byte flags, byte[] payload)
    {
        var frame = new byte[FrameHeaderLength + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), 0);
        payload.CopyTo(frame, FrameHeaderLength);
        await stream.WriteAsync(frame, _stop.Token);
    }
}
