using SimLoop.Networking;

namespace SimLoop;

/// <summary>The state a run reports for coverage (see <see cref="ObserveState"/>).</summary>
public sealed partial class SimulatedEventLoop
{
    private ulong? _stateHash;

    /// <summary>
    /// Adds <paramref name="hash"/> to this run's state key: when a run calls it, the exploration counts distinct
    /// behaviours by the sequence of hashes reported (for example a hash of the system's final state) instead of by
    /// the shape of the trace. Call it with a hash that is deterministic (not <see cref="object.GetHashCode"/> of a
    /// string; use <see cref="SeedDerivation.Fnv1a"/>).
    /// </summary>
    /// <param name="hash">A hash of the state reached.</param>
    public void ObserveState(ulong hash) =>
        _stateHash = SeedDerivation.SplitMix64((_stateHash ?? 0xcbf29ce484222325UL) ^ hash);

    /// <summary>The state key reported with <see cref="ObserveState"/>, or null when the run reported none.</summary>
    internal ulong? StateHash => _stateHash;
}
