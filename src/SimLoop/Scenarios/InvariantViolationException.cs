namespace SimLoop.Scenarios;

/// <summary>A scenario's invariant does not hold: the bug the explorer looks for.</summary>
public sealed class InvariantViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which invariant failed, with the values seen.</param>
    public InvariantViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The invariant.</param>
    /// <param name="message">What failed, with the values seen.</param>
    /// <exception cref="InvariantViolationException">The invariant does not hold.</exception>
    public static void ThrowIfFalse(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolationException(message);
        }
    }
}
