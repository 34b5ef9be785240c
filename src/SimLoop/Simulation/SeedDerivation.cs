using System.Text;

namespace SimLoop;

/// <summary>
/// Derives an independent seed per concern from one simulation seed (FNV-1a of the concern's UTF-8 bytes mixed
/// with SplitMix64), so that drawing more numbers for one concern never shifts another concern's stream, and the
/// result is the same in every process (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class SeedDerivation
{
    /// <summary>The seed for <paramref name="concern"/>.</summary>
    /// <param name="seed">The simulation seed.</param>
    /// <param name="concern">A stable name, for example <c>"strategy"</c> or <c>"net.latency"</c>.</param>
    public static ulong Derive(ulong seed, string concern)
    {
        ArgumentNullException.ThrowIfNull(concern);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(concern))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return SplitMix64(seed ^ SplitMix64(hash));
    }

    /// <summary>A <see cref="Random"/> for <paramref name="concern"/> (the seeded <see cref="Random"/> algorithm is stable across processes).</summary>
    /// <param name="seed">The simulation seed.</param>
    /// <param name="concern">A stable name.</param>
    public static Random CreateRandom(ulong seed, string concern) => new((int)(Derive(seed, concern) & int.MaxValue));

    /// <summary>One step of SplitMix64: a good 64-bit mixer.</summary>
    /// <param name="x">The input.</param>
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
