using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.FsCheck.Tests.Systems;

/// <summary>One client operation on <see cref="ReplicatedKvStore"/>: put a value (1-9) under a key (a or b), or get a key.</summary>
internal sealed record KvOperation(bool IsPut, char Key, byte Value)
{
    public static Gen<KvOperation[]> Sequences { get; } =
        (from isPut in Gen.Elements(true, false)
         from key in Gen.Elements('a', 'b')
         from value in Gen.Choose(1, 9)
         select new KvOperation(isPut, key, (byte)value)).ArrayOf();

    /// <summary>Reads an operation as <see cref="ToString"/> prints it.</summary>
    public static KvOperation Parse(string text) => text.StartsWith("put ", StringComparison.Ordinal)
        ? new KvOperation(true, text[4], byte.Parse(text[6..], System.Globalization.CultureInfo.InvariantCulture))
        : new KvOperation(false, text[4], 0);

    public override string ToString() => IsPut ? $"put {Key}={Value}" : $"get {Key}";
}
