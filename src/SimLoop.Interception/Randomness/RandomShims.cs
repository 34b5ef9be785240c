#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Randomness;

/// <summary>
/// Shims for unseeded randomness: inside a simulation <c>Guid.NewGuid()</c> draws version-4 GUIDs from the loop's
/// <c>"user.guid"</c> stream, <c>new Random()</c> is the loop's <c>"user.random#n"</c> stream (the n-th instance, in
/// creation order) and <c>Random.Shared</c> is the loop's <c>"user.random.shared"</c> stream; so a seed
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

    /// <summary>Shim for <see cref="Guid.CreateVersion7()"/>.</summary>
    /// <returns>A version-7 GUID: the (virtual) Unix time in milliseconds, then seeded random bits inside a simulation.</returns>
    [Intercepts("System.Guid::CreateVersion7()")]
    public static Guid CreateVersion7() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? Version7(loop, loop.TimeProvider.GetUtcNow()) : Guid.CreateVersion7();

    /// <summary>Shim for <see cref="Guid.CreateVersion7(DateTimeOffset)"/>.</summary>
    /// <param name="timestamp">The time the GUID carries.</param>
    /// <returns>A version-7 GUID with seeded random bits inside a simulation.</returns>
    [Intercepts("System.Guid::CreateVersion7(System.DateTimeOffset)")]
    public static Guid CreateVersion7(DateTimeOffset timestamp) =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? Version7(loop, timestamp) : Guid.CreateVersion7(timestamp);

    /// <summary>Shim for <c>new Random()</c>.</summary>
    /// <returns>A generator, seeded from the simulation inside one.</returns>
    [Intercepts("System.Random::.ctor()")]
    public static Random CreateRandom() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? LoopInterceptionState.Of(loop).CreateRandom() : new Random();

    /// <summary>Shim for <see cref="Random.Shared"/>.</summary>
    /// <returns>The shared generator (the loop's seeded one inside a simulation; it is not thread-safe, nor needs to be there).</returns>
    [Intercepts("System.Random::get_Shared()")]
    public static Random Shared() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? LoopInterceptionState.Of(loop).SharedRandom : Random.Shared;

    private static Guid Version7(SimulatedEventLoop loop, DateTimeOffset timestamp)
    {
        long milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        Span<byte> bytes = stackalloc byte[16]; // RFC 9562 order (big-endian)
        LoopInterceptionState.Of(loop).Guids.NextBytes(bytes);
        for (int i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70); // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
