using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dossiers.Bench.Cost;

/// <summary>
/// One exchange the client started: the statements it sent up to and including a Sync (or one simple Query).
/// <paramref name="RoundTrip"/> numbers round trips: exchanges sent while an earlier one on the same connection was still
/// unanswered (Npgsql pipelines its pool reset and BEGIN ahead of the first command) share their round trip's number.
/// <paramref name="InTransaction"/>: the connection was inside a transaction when the exchange was sent.
/// </summary>
public sealed record Exchange(int Connection, long RoundTrip, long Timestamp, bool InTransaction, IReadOnlyList<string> Statements);

/// <summary>
/// A TCP relay between the API and PostgreSQL that reads both sides of the wire protocol and records every exchange: in
/// the extended protocol Parse/Bind/Execute… up to a Sync are one exchange, each Execute one statement; a simple Query
/// message is one exchange too. Each exchange is answered by one ReadyForQuery, which also tells whether a transaction
/// is open. A round trip is an exchange sent while every earlier one on that connection had been answered (the client
/// waited), together with the exchanges it pipelined behind it before the answer came. Messages are forwarded
/// untouched. Used for the cost phase only (it adds latency); the load phases never go through it.
/// </summary>
public sealed class WireProxy : IAsyncDisposable
{
    private const int SslRequest = 80877103, GssEncRequest = 80877104, CancelRequest = 80877102;
    private readonly TcpListener _listener;
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private readonly ConcurrentQueue<long> _opens = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private int _connections;
    private long _roundTrips;

    public WireProxy(string serverHost, int serverPort)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = Accept();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Exchanges recorded so far, in the order their Sync (or Query) arrived.</summary>
    public IReadOnlyList<Exchange> Exchanges => [.. _exchanges];

    /// <summary>Timestamps of the connections opened through the proxy (a startup packet each).</summary>
    public IReadOnlyList<long> ConnectionOpens => [.. _opens];

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            var id = Interlocked.Increment(ref _connections);
            lock (_relays) _relays.Add(Relay(client, id));
        }
    }

    private async Task Relay(TcpClient client, int id)
    {
        using var _ = client;
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
            var state = new ConnectionState();
            var toServer = ClientToServer(client.GetStream(), server.GetStream(), id, state);
            var toClient = ServerToClient(server.GetStream(), client.GetStream(), state);
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>Per connection: exchanges sent and not yet answered, the current round trip, the last transaction status.</summary>
    private sealed class ConnectionState
    {
        public int Unanswered;
        public long RoundTrip;
        public volatile bool InTransaction;
    }

    private async Task ServerToClient(NetworkStream server, NetworkStream client, ConnectionState state)
    {
        var header = new byte[5];
        var pending = new MemoryStream();
        while (true)
        {
            await server.ReadExactlyAsync(header, _stop.Token);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
            await server.ReadExactlyAsync(body, _stop.Token);
            if (header[0] == (byte)'Z')
            {
                state.InTransaction = body.Length > 0 && body[0] != (byte)'I';
                // The startup's ReadyForQuery answers no exchange of ours: never below zero.
                int seen;
                do seen = Volatile.Read(ref state.Unanswered);
                while (seen > 0 && Interlocked.CompareExchange(ref state.Unanswered, seen - 1, seen) != seen);
            }
            pending.Write(header);
            pending.Write(body);
            if (!server.DataAvailable || header[0] == (byte)'Z')
            {
                await client.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), _stop.Token);
                pending.SetLength(0);
            }
        }
    }

    private void Sent(ConnectionState state, int id, List<string> statements)
    {
        if (Interlocked.Increment(ref state.Unanswered) == 1) state.RoundTrip = Interlocked.Increment(ref _roundTrips);
        _exchanges.Enqueue(new Exchange(id, state.RoundTrip, Stopwatch.GetTimestamp(), state.InTransaction, statements));
    }

    private async Task ClientToServer(NetworkStream client, NetworkStream server, int id, ConnectionState state)
    {
        var pending = new MemoryStream();
        var header = new byte[8];
        // Before the startup packet: untyped messages (length, code). Refuse TLS/GSS ourselves, so the rest is readable.
        while (true)
        {
            await client.ReadExactlyAsync(header.AsMemory(0, 8), _stop.Token);
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            var code = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            var rest = new byte[length - 8];
            await client.ReadExactlyAsync(rest, _stop.Token);
            if (code is SslRequest or GssEncRequest) { await client.WriteAsync("N"u8.ToArray(), _stop.Token); continue; }
            await server.WriteAsync(header, _stop.Token);
            await server.WriteAsync(rest, _stop.Token);
            if (code == CancelRequest) return;
            _opens.Enqueue(Stopwatch.GetTimestamp());
            break;
        }

        var named = new Dictionary<string, string>();   // prepared statement name → SQL, per connection
        string unnamed = "", bound = "";
        var statements = new List<string>();
        var typeAndLength = new byte[5];
        while (true)
        {
            await client.ReadExactlyAsync(typeAndLength, _stop.Token);
            var type = (char)typeAndLength[0];
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(typeAndLength.AsSpan(1)) - 4];
            await client.ReadExactlyAsync(body, _stop.Token);
            switch (type)
            {
                case 'P':
                {
                    var (name, next) = CString(body, 0);
                    var (sql, _) = CString(body, next);
                    if (name.Length == 0) unnamed = sql; else named[name] = sql;
                    break;
                }
                case 'B':
                {
                    var (_, next) = CString(body, 0);
                    var (statement, _) = CString(body, next);
                    bound = statement.Length == 0 ? unnamed : named.GetValueOrDefault(statement, $"<prepared {statement}>");
                    break;
                }
                case 'E': statements.Add(bound); break;
                case 'S':
                    Sent(state, id, statements);
                    statements = [];
                    break;
                case 'Q':
                {
                    var (sql, _) = CString(body, 0);
                    var parts = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    Sent(state, id, [.. statements, .. parts]);
                    statements = [];
                    break;
                }
            }
            pending.Write(typeAndLength);
            pending.Write(body);
            // Forward whenever the client has nothing more queued: never holds back a message the client waits on.
            if (!client.DataAvailable || type is 'S' or 'Q' or 'H' or 'X')
            {
                await server.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), _stop.Token);
                pending.SetLength(0);
            }
            if (type == 'X') return;
        }
    }

    private static (string Text, int Next) CString(byte[] body, int start)
    {
        var end = Array.IndexOf(body, (byte)0, start);
        if (end < 0) end = body.Length;
        return (Encoding.UTF8.GetString(body, start, end - start), end + 1);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        Task[] relays;
        lock (_relays) relays = [.. _relays];
        await Task.WhenAny(Task.WhenAll(relays), Task.Delay(2000));
    }
}
