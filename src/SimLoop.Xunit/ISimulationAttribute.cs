namespace SimLoop.Xunit;

/// <summary>An attribute that marks a simulation test and carries its exploration settings.</summary>
internal interface ISimulationAttribute
{
    SimulationSettings Settings { get; }
}
