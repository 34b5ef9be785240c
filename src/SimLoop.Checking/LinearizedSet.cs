namespace SimLoop.Checking;

/// <summary>An immutable bit set of linearized operations, with value equality (the memoisation key).</summary>
internal sealed class LinearizedSet : IEquatable<LinearizedSet>
{
    private readonly ulong[] _words;
    private readonly int _hash;

    public LinearizedSet(int capacity)
        : this(new ulong[(capacity + 63) / 64])
    {
    }

    private LinearizedSet(ulong[] words)
    {
        _words = words;
        var hash = default(HashCode);
        foreach (ulong word in words)
        {
            hash.Add(word);
        }

        _hash = hash.ToHashCode();
    }

    public LinearizedSet With(int index) => Change(index, set: true);

    public LinearizedSet Without(int index) => Change(index, set: false);

    public bool Equals(LinearizedSet? other) =>
        other is not null && other._hash == _hash && other._words.AsSpan().SequenceEqual(_words);

    public override bool Equals(object? obj) => Equals(obj as LinearizedSet);

    public override int GetHashCode() => _hash;

    private LinearizedSet Change(int index, bool set)
    {
        ulong[] words = (ulong[])_words.Clone();
        ulong bit = 1UL << (index % 64);
        words[index / 64] = set ? words[index / 64] | bit : words[index / 64] & ~bit;
        return new LinearizedSet(words);
    }
}
