namespace SimLoop;

/// <summary>The run passed a bound set in <see cref="SimulationOptions"/> (steps or virtual time): a runaway run.</summary>
public sealed class SimulationLimitException : LoopTerminatingException
{
    internal SimulationLimitException(string message)
        : base(message)
    {
    }
}
