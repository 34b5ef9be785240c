#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Randomness;

/// <summary>
/// Shims for unseeded randomness: inside a simulation <c>Guid.NewGuid()</c> draws version-4 GUIDs from the loop's
/// <c>"user.guid"</c> stream, <c>new Random()</c> is seeded from the <c>"user.random"</c> stream (each instance its
/// own seed, in creation order) and <c>Random.Shared</c> is the loop's <c>"user.random.shared"</c> stream; so a seed
/// gives the same values every run. Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class RandomShims
{
    /// <summary>Shim for <see cref="Guid.NewGuid"/>.</summary>
    /// <returns>A version-4 (random) GUID, seeded inside a simulation.</returns>
    [Intercepts("System.Guid::NewGuid()")]
    public static Guid NewGuid()
    {
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Guid.NewGuid();
        }

        Span<byte> bytes = stackalloc byte[16];
        LoopInterceptionState.Of(loop).Guids.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's little-endian layout keeps it in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>Shim for <c>new Random()</c>.</summary>
    /// <returns>A generator, seeded from the simulation inside one.</returns>
    [Intercepts("System.Random::.ctor()")]
    public static Random CreateRandom() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? new Random(LoopInterceptionState.Of(loop).RandomSeeds.Next()) : new Random();

    /// <summary>Shim for <see cref="Random.Shared"/>.</summary>
    /// <returns>The shared generator (the loop's seeded one inside a simulation; it is not thread-safe, nor needs to be there).</returns>
    [Intercepts("System.Random::get_Shared()")]
    public static Random Shared() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? LoopInterceptionState.Of(loop).SharedRandom : Random.Shared;
}
