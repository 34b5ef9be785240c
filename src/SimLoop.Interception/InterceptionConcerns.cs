using SimLoop.Choices;

namespace SimLoop.Interception;

/// <summary>
/// The names of the seeded random streams that rewritten code draws from (see
/// <see cref="SimulatedEventLoop.GetRandom"/>): one per concern, so drawing more of one never shifts another.
/// </summary>
internal static class InterceptionConcerns
{
    /// <summary><c>Guid.NewGuid()</c>.</summary>
    public const string Guid = RandomStreams.InterceptionGuid;

    /// <summary>The seeds of the instances <c>new Random()</c> creates.</summary>
    public const string Random = RandomStreams.InterceptionRandom;

    /// <summary><c>Random.Shared</c>.</summary>
    public const string SharedRandom = RandomStreams.InterceptionSharedRandom;
}
