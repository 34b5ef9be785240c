using System.IO.Pipelines;

namespace SimLoop.Hosts;

/// <summary>
/// A <see cref="PipeScheduler"/> that posts to the loop (a loop callback per continuation), so pipe continuations
/// never reach the thread pool.
/// </summary>
public sealed class LoopPipeScheduler : PipeScheduler
{
    private readonly BaseEventLoop _loop;

    /// <summary>Creates a scheduler posting to <paramref name="loop"/>.</summary>
    /// <param name="loop">The loop.</param>
    public LoopPipeScheduler(BaseEventLoop loop) => _loop = loop ?? throw new ArgumentNullException(nameof(loop));

    /// <inheritdoc/>
    public override void Schedule(Action<object?> action, object? state)
    {
        ArgumentNullException.ThrowIfNull(action);
        _loop.CallSoon(action, state);
    }
}
