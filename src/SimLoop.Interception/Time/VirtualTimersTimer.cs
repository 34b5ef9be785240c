using System.Timers;

namespace SimLoop.Interception.Time;

/// <summary>
/// The state of a <c>System.Timers.Timer</c> created inside a simulation: interval, auto-reset, enabled and the
/// Elapsed handlers, driven by a loop timer. Mirrors the original: enabling (re)starts a full interval, changing the
/// interval or auto-reset of an enabled timer restarts it, a one-shot timer disables itself when it fires, handler
/// exceptions are swallowed (as <c>System.Timers.Timer</c> does), and a disposed timer never fires again.
/// </summary>
internal sealed class VirtualTimersTimer
{
    private readonly SimulatedEventLoop _loop;
    private readonly System.Timers.Timer _owner;
    private readonly ITimer _loopTimer;
    private ElapsedEventHandler? _elapsed;
    private double _interval;
    private bool _autoReset = true;
    private bool _enabled;
    private bool _disposed;

    public VirtualTimersTimer(SimulatedEventLoop loop, System.Timers.Timer owner, double interval)
    {
        _loop = loop;
        _owner = owner;
        _interval = interval;
        _loopTimer = loop.TimeProvider.CreateTimer(static s => ((VirtualTimersTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool Enabled
    {
        get => _enabled;
        set
        {
            ObjectDisposedException.ThrowIf(_disposed && value, _owner);
            _enabled = value;
            Restart();
        }
    }

    public double Interval
    {
        get => _interval;
        set
        {
            if (value <= 0 || value > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The interval must be greater than 0 and at most int.MaxValue ms.");
            }

            _interval = value;
            Restart();
        }
    }

    public bool AutoReset
    {
        get => _autoReset;
        set
        {
            _autoReset = value;
            Restart();
        }
    }

    public void Add(ElapsedEventHandler? handler) => _elapsed += handler;

    public void Remove(ElapsedEventHandler? handler) => _elapsed -= handler;

    public void Dispose()
    {
        _disposed = true;
        _enabled = false;
        _loopTimer.Dispose();
    }

    private void Restart()
    {
        if (_disposed)
        {
            return;
        }

        TimeSpan interval = TimeSpan.FromMilliseconds(_interval);
        _loopTimer.Change(_enabled ? interval : Timeout.InfiniteTimeSpan, _enabled && _autoReset ? interval : Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        if (!_enabled || _disposed)
        {
            return;
        }

        if (!_autoReset)
        {
            _enabled = false;
        }

        try
        {
            _elapsed?.Invoke(_owner, new ElapsedEventArgs(_loop.TimeProvider.GetLocalNow().DateTime));
        }
#pragma warning disable CA1031 // System.Timers.Timer swallows every exception its Elapsed handlers throw; so does this.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
