using System.Net;

namespace SimLoop.Networking.Tests.Support;

/// <summary>A network with hosts "client" and "server", its scheduler, and shortcuts to connect them.</summary>
public sealed class TestNetwork
{
    public const int Port = 80;

    public TestNetwork(VirtualNetworkOptions? options = null, ulong seed = 1)
    {
        Scheduler = new ManualNetworkScheduler(seed);
        Network = new VirtualNetwork(Scheduler, options);
        Client = Network.AddHost("client");
        Server = Network.AddHost("server");
    }

    public ManualNetworkScheduler Scheduler { get; }

    public VirtualNetwork Network { get; }

    public VirtualHost Client { get; }

    public VirtualHost Server { get; }

    public IPEndPoint ServerEndPoint => new(Server.Addresses[0], Port);

    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static long MsTicks(double milliseconds) => Ms(milliseconds).Ticks;

    public static VirtualNetworkOptions WithLink(LinkSettings link, VirtualNetworkOptions? options = null) => new()
    {
        Mtu = options?.Mtu ?? 1460,
        SendBufferSize = options?.SendBufferSize ?? 64 * 1024,
        ReceiveBufferSize = options?.ReceiveBufferSize ?? 64 * 1024,
        ConnectTimeout = options?.ConnectTimeout,
        DefaultLink = link,
    };

    public static LinkSettings FixedLatency(double milliseconds) => new() { Latency = LatencyModel.Fixed(Ms(milliseconds)) };

    /// <summary>Listens on the server, connects the client, and returns both ends.</summary>
    public (VirtualStream Client, VirtualStream Server) Connect(VirtualListener? listener = null)
    {
        listener ??= Network.Listen("server", Port);
        ValueTask<VirtualStream> accept = listener.AcceptAsync();
        VirtualStream client = Scheduler.Pump(Network.ConnectAsync("client", ServerEndPoint));
        VirtualStream server = Scheduler.Pump(accept);
        return (client, server);
    }

    /// <summary>Reads until end of stream, pumping the scheduler.</summary>
    public byte[] ReadToEnd(VirtualStream stream)
    {
        var all = new List<byte>();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int count = Scheduler.Pump(stream.ReadAsync(buffer));
            if (count == 0)
            {
                return [.. all];
            }

            all.AddRange(buffer.AsSpan(0, count).ToArray());
        }
    }

    public List<NetworkEvent> EventsOf(NetworkEventKind kind) => [.. Scheduler.Events.Where(e => e.Kind == kind)];
}

/// <summary>Reading helpers that need several streams.</summary>
public static class TestNetworkReading
{
    /// <summary>Reads <paramref name="expected"/> bytes from <paramref name="reader"/> while <paramref name="write"/> progresses.</summary>
    public static byte[] ReadToEndAfter(this TestNetwork net, VirtualStream reader, Task write, int expected)
    {
        var all = new List<byte>();
        byte[] buffer = new byte[700];
        while (all.Count < expected)
        {
            int count = net.Scheduler.Pump(reader.ReadAsync(buffer));
            count.ShouldBeGreaterThan(0);
            all.AddRange(buffer.AsSpan(0, count).ToArray());
        }

        net.Scheduler.Pump(write);
        return [.. all];
    }
}
