namespace SimLoop.Choices;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, 2018): 256 bits of state filled from a 64-bit seed by SplitMix64,
/// so every bit of the seed reaches every stream. The numbers depend only on the seed, never on the platform or the
/// .NET version (unlike <see cref="Random"/>'s own algorithms).
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = NextSplitMix(ref x);
        _s1 = NextSplitMix(ref x);
        _s2 = NextSplitMix(ref x);
        _s3 = NextSplitMix(ref x);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>A uniform value in [0, <paramref name="bound"/>) (Lemire's multiply-and-reject); any value when <paramref name="bound"/> is 0.</summary>
    public ulong NextBelow(ulong bound)
    {
        if (bound == 0)
        {
            return NextUInt64();
        }

        ulong threshold = unchecked(0 - bound) % bound;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
            if (low >= threshold)
            {
                return high;
            }
        }
    }

    private static ulong NextSplitMix(ref ulong x)
    {
        ulong value = SeedDerivation.SplitMix64(x);
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        return value;
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
