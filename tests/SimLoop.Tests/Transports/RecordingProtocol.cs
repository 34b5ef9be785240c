using System.Net;
using System.Net.Sockets;
using System.Text;
using SimLoop.Transports;

namespace SimLoop.Tests.Transports;

/// <summary>A stream protocol that records every callback, in order, as text.</summary>
internal sealed class RecordingProtocol(BaseEventLoop loop) : IProtocol
{
    public List<string> Events { get; } = [];

    public ITransport? Transport { get; private set; }

    public LoopFuture<Exception?> Lost { get; } = loop.CreateFuture<Exception?>();

    public LoopFuture<bool> Made { get; } = loop.CreateFuture<bool>();

    public StringBuilder Received { get; } = new();

    public int Pauses { get; private set; }

    public int Resumes { get; private set; }

    /// <summary>What to do on EOF; returns whether to stay half-open.</summary>
    public Func<RecordingProtocol, bool> OnEof { get; init; } = _ => false;

    public Action<RecordingProtocol, string>? OnData { get; init; }

    public Action<RecordingProtocol>? OnMade { get; init; }

    public void ConnectionMade(IBaseTransport transport)
    {
        Events.Add("made");
        Transport = (ITransport)transport;
        OnMade?.Invoke(this);
        Made.TrySetResult(true);
    }

    public void DataReceived(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        if (Events.Count == 0 || Events[^1] != "data")
        {
            Events.Add("data");
        }

        Received.Append(text);
        OnData?.Invoke(this, text);
    }

    public bool EofReceived()
    {
        Events.Add("eof");
        return OnEof(this);
    }

    public void ConnectionLost(Exception? exception)
    {
        Events.Add(exception is SocketException s ? $"lost:{s.SocketErrorCode}" : exception is null ? "lost" : $"lost:{exception.GetType().Name}");
        Lost.TrySetResult(exception);
    }

    public void PauseWriting() => Pauses++;

    public void ResumeWriting() => Resumes++;

    public void Write(string text) => Transport!.Write(Encoding.UTF8.GetBytes(text));
}

/// <summary>A datagram protocol that records what arrives.</summary>
internal sealed class RecordingDatagramProtocol(BaseEventLoop loop) : IDatagramProtocol
{
    public List<string> Received { get; } = [];

    public List<string> Events { get; } = [];

    public IDatagramTransport? Transport { get; private set; }

    public LoopFuture<Exception?> Lost { get; } = loop.CreateFuture<Exception?>();

    public Action<RecordingDatagramProtocol, string, EndPoint>? OnDatagram { get; init; }

    public void ConnectionMade(IBaseTransport transport)
    {
        Events.Add("made");
        Transport = (IDatagramTransport)transport;
    }

    public void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address)
    {
        string text = Encoding.UTF8.GetString(data);
        Received.Add(text);
        OnDatagram?.Invoke(this, text, address);
    }

    public void ErrorReceived(Exception exception) => Events.Add($"error:{exception.GetType().Name}");

    public void ConnectionLost(Exception? exception)
    {
        Events.Add(exception is null ? "lost" : $"lost:{exception.GetType().Name}");
        Lost.TrySetResult(exception);
    }
}
