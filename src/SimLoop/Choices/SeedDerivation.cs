using System.Text;

namespace SimLoop.Choices;

/// <summary>
/// Derives independent, reproducible seeds for named concerns from one simulation seed, using FNV-1a over the
/// concern's UTF-8 bytes and the SplitMix64 finaliser. The result depends only on its inputs (never on
/// <see cref="string.GetHashCode()"/>, the process or the platform). Every stream of a run is seeded by the full 64-bit
/// derived seed (<see cref="CreateRandom"/>): two simulation seeds give different streams unless their derived seeds
/// collide in all 64 bits. Stream names are listed in <see cref="RandomStreams"/>.
/// </summary>
public static class SeedDerivation
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Derives the seed of <paramref name="concern"/> from <paramref name="seed"/>.</summary>
    /// <param name="seed">The simulation's seed.</param>
    /// <param name="concern">A stable name, for example <c>"net.latency"</c>.</param>
    /// <returns>A 64-bit seed that differs between concerns.</returns>
    public static ulong Derive(ulong seed, string concern)
    {
        ArgumentNullException.ThrowIfNull(concern);
        return SplitMix64(seed ^ SplitMix64(Fnv1a(concern)));
    }

    /// <summary>
    /// Creates a <see cref="Random"/> for <paramref name="concern"/> over a 64-bit generator (xoshiro256**) seeded by
    /// all 64 bits of <see cref="Derive"/>; its draws are not recorded (a loop's streams come from
    /// <see cref="SimulatedEventLoop.GetRandom"/>, which records them).
    /// </summary>
    /// <param name="seed">The simulation's seed.</param>
    /// <param name="concern">A stable name, for example <c>"net.loss"</c>.</param>
    /// <returns>A new random stream; the same inputs always give the same numbers.</returns>
    public static Random CreateRandom(ulong seed, string concern) => new RecordedRandom(concern, Derive(seed, concern), recorder: null);

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The text to hash.</param>
    /// <returns>The hash.</returns>
    public static ulong Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = FnvOffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * FnvPrime);
        }

        return hash;
    }

    /// <summary>The SplitMix64 finaliser: a bijective mix of all 64 bits.</summary>
    /// <param name="value">The value to mix.</param>
    /// <returns>The mixed value.</returns>
    public static ulong SplitMix64(ulong value)
    {
        unchecked
        {
            ulong z = value + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
