using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Faults;

/// <summary>
/// One case of the network fault property: a server and two clients on a faulty network. Each client runs upload
/// sessions (connect, write an 8-byte session id and a payload, half-close, read the server's 8-byte count of what it
/// read); the server reads slowly and closes connections idle too long; datagrams are echoed. Every fault is healed at
/// <see cref="HealTicks"/>. Collects every violation of: bytes read are a prefix of bytes written; failures are
/// socket errors that make sense; after the heal each client completes a fresh session within <see cref="LivenessBound"/>.
/// </summary>
internal sealed partial class FaultyNetworkRun
{
    public const int HealMs = 20_000;
    public static readonly long HealTicks = TimeSpan.FromMilliseconds(HealMs).Ticks;
    public static readonly TimeSpan LivenessBound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_responseTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] s_hosts = ["server", "c1", "c2"];
    private const int StreamPort = 80;
    private const int DatagramPort = 53;

    private readonly FaultScenario _scenario;
    private readonly ManualNetworkScheduler _scheduler;
    private readonly VirtualNetwork _network;
    private readonly Random _random;
    private readonly List<string> _violations = [];
    private readonly Dictionary<long, byte[]> _sessionBytes = [];
    private readonly HashSet<string> _liveAfterHeal = [];
    private readonly Dictionary<string, string> _phases = [];
    private readonly Dictionary<string, int> _lives = [];
    private long _nextSession;

    private FaultyNetworkRun(FaultScenario scenario)
    {
        this._scenario = scenario;
        _scheduler = new ManualNetworkScheduler(scenario.Seed);
        _network = new VirtualNetwork(_scheduler, scenario.Options);
        _random = new Random((int)(scenario.Seed & int.MaxValue));
        foreach (string host in s_hosts)
        {
            _network.AddHost(host);
        }
    }

    private long Now => _scheduler.NowTicks;

    private IPEndPoint ServerEndPoint(int port) => new(_network.GetHost("server").Addresses[0], port);

    /// <summary>Runs the case: its violations (none when the network behaved) and how many sessions failed.</summary>
    public static FaultyRunResult Run(FaultScenario scenario)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return new FaultyNetworkRun(scenario).Run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private int _failedSessions;

    private FaultyRunResult Run()
    {
        _network.HostCrashed += host => _lives[host.Name] = _lives.GetValueOrDefault(host.Name) + 1;
        _network.HostRestarted += host =>
        {
            if (host.Name == "server")
            {
                StartServer();
            }
            else
            {
                StartClient(host.Name);
            }
        };
        StartServer();
        new FaultInjector(_network, _scheduler, s_hosts).Schedule(_scenario.Faults, HealTicks);
        foreach (string client in s_hosts.Skip(1))
        {
            StartClient(client);
        }

        long end = HealTicks + LivenessBound.Ticks;
        while (Now < end && _liveAfterHeal.Count < s_hosts.Length - 1)
        {
            _scheduler.RunUntil(Math.Min(end, Now + TimeSpan.FromSeconds(1).Ticks));
        }

        foreach (string client in s_hosts.Skip(1).Where(c => !_liveAfterHeal.Contains(c)))
        {
            _violations.Add($"liveness: {client} completed no fresh session within {LivenessBound.TotalSeconds} s of the heal (last: {_phases.GetValueOrDefault(client)})");
        }

        return new FaultyRunResult(_violations, _failedSessions);
    }

    private void StartServer()
    {
        VirtualListener listener = _network.Listen("server", StreamPort);
        _ = AcceptLoop(listener);
        _ = DatagramEcho(_network.Bind("server", DatagramPort));
    }

    private async Task AcceptLoop(VirtualListener listener)
    {
        while (true)
        {
            VirtualStream stream;
            try
            {
                stream = await listener.AcceptAsync();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }
            catch (Exception e)
            {
                _violations.Add($"accept failed with {Describe(e)}");
                return;
            }

            _ = Serve(stream);
        }
    }

    private async Task Serve(VirtualStream stream)
    {
        var received = new List<byte>();
        bool closedForIdleness = false;
        try
        {
            byte[] buffer = new byte[4096];
            while (true)
            {
                if (Now < HealTicks && _random.NextDouble() < _scenario.ServerPauseProbability)
                {
                    await _scheduler.Delay(TimeSpan.FromMilliseconds(_random.Next(_scenario.ServerMaxPauseMs + 1)));
                }

                Task<int> read = stream.ReadAsync(buffer).AsTask();
                if (!read.IsCompleted)
                {
                    _scheduler.At(Now + TimeSpan.FromMilliseconds(_scenario.ServerIdleTimeoutMs).Ticks, () =>
                    {
                        if (!read.IsCompleted)
                        {
                            closedForIdleness = true;
                            stream.Dispose();
                        }
                    });
                }

                int count = await read;
                if (count == 0)
                {
                    break;
                }

                received.AddRange(buffer.AsSpan(0, count).ToArray());
            }

            byte[] response = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(response, received.Count);
            await stream.WriteAsync(response);
        }
        catch (IOException e) when (IsSocketError(e, out SocketError error) &&
            (error is SocketError.ConnectionReset or SocketError.TimedOut or SocketError.ConnectionAborted ||
             (error == SocketError.OperationAborted && closedForIdleness)))
        {
        }
        catch (Exception e)
        {
            _violations.Add($"server connection {stream} failed with {Describe(e)}");
        }
        finally
        {
            stream.Dispose();
            CheckPrefix(received, stream.ToString());
        }
    }

    private void CheckPrefix(List<byte> received, string where)
    {
        if (received.Count >= 8)
        {
            long id = BinaryPrimitives.ReadInt64LittleEndian(received.Take(8).ToArray());
            if (!_sessionBytes.TryGetValue(id, out byte[]? written) || received.Count > written.Length || !written.AsSpan(0, received.Count).SequenceEqual(received.ToArray()))
            {
                _violations.Add($"prefix: {where} read {received.Count} bytes that are not a prefix of session {id}'s bytes");
            }
        }
        else if (received.Count > 0 && !_sessionBytes.Values.Any(w => w.Length >= received.Count && w.AsSpan(0, received.Count).SequenceEqual(received.ToArray())))
        {
            _violations.Add($"prefix: {where} read {received.Count} bytes that start no session");
        }
    }

    /// <summary>Starts a client's applications (again after a restart: the old ones stop when they notice the crash).</summary>
    private void StartClient(string client)
    {
        int life = _lives.GetValueOrDefault(client);
        _ = ClientLoop(client, life);
        _ = DatagramClient(client, life);
    }

    private bool Crashed(string host, int life) => _lives.GetValueOrDefault(host) != life;

    private async Task ClientLoop(string client, int life)
    {
        while (Now < HealTicks + LivenessBound.Ticks && !Crashed(client, life))
        {
            long start = Now;
            bool completed = await Session(client, life);
            _failedSessions += completed ? 0 : 1;
            if (completed && start >= HealTicks && !Crashed(client, life))
            {
                _liveAfterHeal.Add(client);
                return;
            }

            await _scheduler.Delay(TimeSpan.FromMilliseconds(_random.Next(200, 1000)));
        }
    }

    private async Task<bool> Session(string client, int life)
    {
        long id = ++_nextSession;
        byte[] bytes = new byte[8 + _random.Next(_scenario.MaxSessionBytes + 1)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, id);
        for (int i = 8; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 7) + id);
        }

        _sessionBytes.Add(id, bytes);
        _phases[client] = $"session {id} connecting since {Now / TimeSpan.TicksPerMillisecond} ms";
        VirtualStream stream;
        try
        {
            stream = await _network.ConnectAsync(client, ServerEndPoint(StreamPort));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut ||
            (e.SocketErrorCode is SocketError.NetworkDown or SocketError.ConnectionAborted && Crashed(client, life)))
        {
            return false;
        }
        catch (Exception e)
        {
            _violations.Add($"{client} connect failed with {Describe(e)}");
            return false;
        }

        bool aborted = false;
        try
        {
            _phases[client] = $"session {id} writing {bytes.Length} bytes since {Now / TimeSpan.TicksPerMillisecond} ms";
            for (int offset = 0; offset < bytes.Length;)
            {
                int count = Math.Min(1 + _random.Next(3000), bytes.Length - offset);
                await stream.WriteAsync(bytes.AsMemory(offset, count));
                offset += count;
            }

            stream.ShutdownWrite();
            _phases[client] = $"session {id} reading the response since {Now / TimeSpan.TicksPerMillisecond} ms";
            _scheduler.At(Now + s_responseTimeout.Ticks, () =>
            {
                aborted = true;
                stream.Abort();
            });
            byte[] response = new byte[16];
            int length = 0, read;
            while (!aborted && (read = await stream.ReadAsync(response.AsMemory(length))) > 0)
            {
                length += read;
            }

            if (aborted || length == 0)
            {
                // Timed out, or the server closed the connection for idleness before it read the end of the upload.
                return false;
            }

            if (length != 8 || BinaryPrimitives.ReadInt64LittleEndian(response) != bytes.Length)
            {
                _violations.Add($"{client} session {id} wrote {bytes.Length} bytes and got a response of {length} bytes saying {(length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(response) : -1)}");
            }

            return true;
        }
        catch (IOException e) when (IsSocketError(e, out SocketError error) &&
            (error is SocketError.ConnectionReset or SocketError.TimedOut || (error == SocketError.OperationAborted && aborted) ||
             (error == SocketError.ConnectionAborted && Crashed(client, life))))
        {
            return false;
        }
        catch (Exception e)
        {
            _violations.Add($"{client} session {id} failed with {Describe(e)}");
            return false;
        }
        finally
        {
            aborted = true;
            stream.Dispose();
        }
    }

    private static bool IsSocketError(IOException e, out SocketError error)
    {
        error = e.InnerException is SocketException s ? s.SocketErrorCode : SocketError.SocketError;
        return e.InnerException is SocketException;
    }

    private static string Describe(Exception e) =>
        e is IOException { InnerException: SocketException s } ? $"IOException({s.SocketErrorCode})"
        : e is SocketException socket ? $"SocketException({socket.SocketErrorCode})"
        : $"{e.GetType().Name}: {e.Message}";
}

/// <summary>The outcome of one case of the network fault property.</summary>
/// <param name="Violations">What went wrong (empty when the network behaved).</param>
/// <param name="FailedSessions">Client sessions that ended with a socket error or an application timeout.</param>
internal sealed record FaultyRunResult(IReadOnlyList<string> Violations, int FailedSessions);
