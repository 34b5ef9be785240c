namespace SimLoop.Interception.Time;

/// <summary>The state of a <c>System.Diagnostics.Stopwatch</c> created inside a simulation: it measures loop time.</summary>
internal sealed class VirtualStopwatch
{
    private readonly BaseEventLoop _loop;
    private long _elapsedTicks;
    private long _startedAt;

    public VirtualStopwatch(BaseEventLoop loop)
    {
        _loop = loop;
    }

    public bool IsRunning { get; private set; }

    /// <summary>Elapsed loop time in 100 ns ticks (also the unit of the rewritten <c>Stopwatch.Frequency</c> inside a simulation).</summary>
    public long ElapsedTicks => IsRunning ? _elapsedTicks + (_loop.NowTicks - _startedAt) : _elapsedTicks;

    public void Start()
    {
        if (!IsRunning)
        {
            _startedAt = _loop.NowTicks;
            IsRunning = true;
        }
    }

    public void Stop()
    {
        if (IsRunning)
        {
            _elapsedTicks += _loop.NowTicks - _startedAt;
            IsRunning = false;
        }
    }

    public void Reset()
    {
        _elapsedTicks = 0;
        IsRunning = false;
    }

    public void Restart()
    {
        _elapsedTicks = 0;
        _startedAt = _loop.NowTicks;
        IsRunning = true;
    }
}
