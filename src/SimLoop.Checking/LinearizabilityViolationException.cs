namespace SimLoop.Checking;

/// <summary>A recorded history is not linearizable against its model; the message is the counterexample.</summary>
public sealed class LinearizabilityViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The counterexample: the longest linearizable prefix, the operation that cannot follow it, the timeline.</param>
    public LinearizabilityViolationException(string message)
        : base(message)
    {
    }
}
