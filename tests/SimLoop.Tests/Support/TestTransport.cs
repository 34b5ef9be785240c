using SimLoop.Transports;

namespace SimLoop.Tests.Support;

/// <summary>A trivial in-memory stream transport for <see cref="TestLoop"/>: writes are recorded, close reports ConnectionLost.</summary>
public sealed class TestTransport : ITransport
{
    private readonly BaseEventLoop _loop;
    private readonly IReadOnlyDictionary<string, object?> _extra;
    private readonly LoopServer? _server;

    public TestTransport(BaseEventLoop loop, IBaseProtocol protocol, IReadOnlyDictionary<string, object?> extra, LoopServer? server)
    {
        _loop = loop;
        Protocol = protocol;
        _extra = extra;
        _server = server;
    }

    public List<byte> Written { get; } = new();

    public bool IsClosing { get; private set; }

    public IBaseProtocol Protocol { get; set; }

    public bool IsReading { get; private set; } = true;

    public int WriteBufferSize => 0;

    public (int Low, int High) WriteBufferLimits { get; private set; } = (16 * 1024, 64 * 1024);

    public bool CanWriteEof => true;

    public object? GetExtraInfo(string name, object? defaultValue = null) =>
        _extra.TryGetValue(name, out object? value) ? value : defaultValue;

    public void Close()
    {
        if (IsClosing)
        {
            return;
        }

        IsClosing = true;
        _loop.CallSoon(() =>
        {
            Protocol.ConnectionLost(null);
            _server?.Detach(this);
        });
    }

    public void Abort() => Close();

    public void PauseReading() => IsReading = false;

    public void ResumeReading() => IsReading = true;

    public void Write(ReadOnlySpan<byte> data) => Written.AddRange(data.ToArray());

    public void WriteEof()
    {
    }

    public void SetWriteBufferLimits(int? high = null, int? low = null)
    {
        int h = high ?? 64 * 1024;
        int l = low ?? h / 4;
        ArgumentOutOfRangeException.ThrowIfLessThan(h, l, nameof(high));
        ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(low));
        WriteBufferLimits = (l, h);
    }
}

/// <summary>A protocol that records its calls.</summary>
public sealed class RecordingProtocol : IProtocol
{
    public List<string> Calls { get; } = new();

    public IBaseTransport? Transport { get; private set; }

    public void ConnectionMade(IBaseTransport transport)
    {
        Transport = transport;
        Calls.Add("made");
    }

    public void ConnectionLost(Exception? exception) => Calls.Add(exception is null ? "lost" : $"lost: {exception.Message}");

    public void DataReceived(ReadOnlySpan<byte> data) => Calls.Add($"data {data.Length}");
}
