using System.Diagnostics;
using System.Globalization;

namespace SimLoop.Checking;

/// <summary>
/// One operation of a history: which process (client) invoked it, its input, when it was called and, if it
/// returned, when and with what output. An operation that never returned (a timeout, a crash, a reset connection)
/// may have taken effect at any point after its call, or not at all.
/// </summary>
/// <typeparam name="TInput">The operation's input.</typeparam>
/// <typeparam name="TOutput">The operation's output.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class HistoryOperation<TInput, TOutput>
{
    /// <summary>Creates an operation that returned <paramref name="output"/> at <paramref name="returnTime"/>.</summary>
    /// <param name="process">The process (client) that invoked it; a process has one operation outstanding at a time.</param>
    /// <param name="input">What was invoked.</param>
    /// <param name="callTime">When it was invoked (virtual time).</param>
    /// <param name="output">What it returned.</param>
    /// <param name="returnTime">When it returned; not before <paramref name="callTime"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returnTime"/> is before <paramref name="callTime"/>.</exception>
    public HistoryOperation(int process, TInput input, TimeSpan callTime, TOutput output, TimeSpan returnTime)
    {
        if (returnTime < callTime)
        {
            throw new ArgumentOutOfRangeException(nameof(returnTime), returnTime, $"An operation returns at or after its call ({callTime}); swap the times or fix the recording.");
        }

        Process = process;
        Input = input;
        CallTime = callTime;
        Output = output;
        ReturnTime = returnTime;
    }

    /// <summary>Creates an operation that never returned (its outcome is unknown).</summary>
    /// <param name="process">The process (client) that invoked it.</param>
    /// <param name="input">What was invoked.</param>
    /// <param name="callTime">When it was invoked (virtual time).</param>
    public HistoryOperation(int process, TInput input, TimeSpan callTime)
    {
        Process = process;
        Input = input;
        CallTime = callTime;
    }

    /// <summary>The process (client) that invoked it.</summary>
    public int Process { get; }

    /// <summary>What was invoked.</summary>
    public TInput Input { get; }

    /// <summary>What it returned (default when it never returned: see <see cref="HasReturned"/>).</summary>
    public TOutput? Output { get; }

    /// <summary>When it was invoked.</summary>
    public TimeSpan CallTime { get; }

    /// <summary>When it returned, or null if it never did.</summary>
    public TimeSpan? ReturnTime { get; }

    /// <summary>Whether it returned (its output is known).</summary>
    public bool HasReturned => ReturnTime is not null;

    /// <summary>Process, input, output and interval, e.g. <c>p1 read() -&gt; 3 [2 ms, 5 ms]</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p{Process} {Input} -> {(HasReturned ? Output : "?")} [{VirtualTimeText.Milliseconds(CallTime)}, {(ReturnTime is { } r ? VirtualTimeText.Milliseconds(r) : "never returned")}]");
}
