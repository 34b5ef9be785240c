using System.Net;
using SimLoop.Networking;

namespace SimLoop;

/// <summary>A simulated network's connected stream as the loop's socket hooks hand it around.</summary>
internal sealed class VirtualStreamSocket(VirtualStream stream) : ILoopStreamSocket
{
    public VirtualStream Stream { get; } = stream;

    public EndPoint? LocalEndPoint => Stream.LocalEndPoint;

    public override string ToString() => Stream.ToString();
}

/// <summary>A simulated network's listener as the loop's socket hooks hand it around.</summary>
internal sealed class VirtualListenerSocket(VirtualListener listener) : ILoopListener
{
    public VirtualListener Listener { get; } = listener;

    public EndPoint LocalEndPoint => Listener.LocalEndPoint;

    public override string ToString() => Listener.ToString();
}

/// <summary>A simulated network's datagram socket as the loop's socket hooks hand it around.</summary>
internal sealed class VirtualDatagramLoopSocket(VirtualDatagramSocket socket) : ILoopDatagramSocket
{
    public VirtualDatagramSocket Socket { get; } = socket;

    public EndPoint? LocalEndPoint => Socket.LocalEndPoint;

    public override string ToString() => Socket.ToString();
}
