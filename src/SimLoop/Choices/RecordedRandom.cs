using System.Buffers.Binary;

namespace SimLoop.Choices;

/// <summary>
/// A <see cref="Random"/> of one named stream over <see cref="Xoshiro256StarStar"/>, seeded by a full 64-bit seed,
/// that turns every draw into one <see cref="Choice"/> of its loop's <see cref="ChoiceRecorder"/> (or, without a
/// recorder, just draws). Every virtual member of <see cref="Random"/> is overridden, so <c>Shuffle</c>,
/// <c>GetItems</c> and the rest go through the recorder as well. Value 0 of a choice is the smallest result.
/// </summary>
internal sealed class RecordedRandom : Random
{
    private const ulong FractionBound = 1UL << 53;
    private const ulong SingleBound = 1UL << 24;

    private readonly string _stream;
    private readonly Xoshiro256StarStar _generator;
    private readonly ChoiceRecorder? _recorder;

    public RecordedRandom(string stream, ulong seed, ChoiceRecorder? recorder)
        : base(0) // the base's own generator is never used: every member is overridden
    {
        _stream = stream;
        _generator = new Xoshiro256StarStar(seed);
        _recorder = recorder;
    }

    /// <summary>The stream's name.</summary>
    public string Stream => _stream;

    public override int Next() => (int)Draw(ChoiceKind.Integer, int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)Draw(ChoiceKind.Integer, (ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)Draw(ChoiceKind.Integer, (ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)Draw(ChoiceKind.Integer, long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)Draw(ChoiceKind.Integer, (ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)Draw(ChoiceKind.Integer, (ulong)(maxValue - minValue)));
    }

    public override double NextDouble() => Draw(ChoiceKind.Fraction, FractionBound) * (1.0 / FractionBound);

    public override float NextSingle() => Draw(ChoiceKind.SingleFraction, SingleBound) * (1.0f / SingleBound);

    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    public override void NextBytes(Span<byte> buffer)
    {
        Span<byte> chunk = stackalloc byte[sizeof(ulong)];
        for (int offset = 0; offset < buffer.Length; offset += sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(chunk, Draw(ChoiceKind.Bytes, 0));
            int length = Math.Min(sizeof(ulong), buffer.Length - offset);
            chunk[..length].CopyTo(buffer[offset..]);
        }
    }

    protected override double Sample() => NextDouble();

    // A range of one value (or none) is no choice: it is neither drawn nor recorded.
    private ulong Draw(ChoiceKind kind, ulong bound)
    {
        if (bound == 1 && kind == ChoiceKind.Integer)
        {
            return 0;
        }

        if (bound == 0 && kind == ChoiceKind.Integer)
        {
            return 0; // Next(0), Next(n, n): an empty range
        }

        return _recorder is null ? _generator.NextBelow(bound) : _recorder.Draw(_stream, kind, bound, _generator);
    }
}
