using System.Runtime.CompilerServices;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// What counts as one behaviour for coverage: the state key the run reported with
/// <see cref="SimulatedEventLoop.ObserveState"/> if any, otherwise the trace's shape, the sequence of (entry kind,
/// task name, network event kind and endpoints) with times, ids, values and sizes dropped.
/// </summary>
/// <remarks>
/// Every explored iteration computes its key once, over every stored entry, so the pass is kept cheap: a name is
/// hashed once (when its task registers, or the first time a network endpoint string is met) and each entry then
/// mixes one 64-bit word per part. The key depends only on the entries' content (a name's hash is the hash of its
/// characters), never on references or on dictionary order.
/// </remarks>
internal static class BehaviourKey
{
    internal const ulong FnvOffset = 0xcbf29ce484222325UL;
    private const ulong FnvPrime = 0x100000001b3UL;
    internal static ulong UnknownName { get; } = HashOf("?");

    public static ulong Of(SimulationRun run) => run.StateHash ?? ShapeOf(run.Trace);

    public static ulong ShapeOf(ScheduleTrace trace)
    {
        if (trace.Shape is { } tracked)
        {
            return tracked.Close(trace); // accumulated while the run recorded its entries (explored iterations)
        }

        var shape = new TraceShape();
        for (int i = 0; i < trace.StoredCount; i++)
        {
            shape.Add(trace.StoredAt(i)); // as stored: decisions' text is never built (unused here)
        }

        return shape.Close(trace);
    }

    /// <summary>FNV-1a over the characters, closed by a separator so that ("ab", "c") and ("a", "bc") differ.</summary>
    internal static ulong HashOf(ReadOnlySpan<char> text)
    {
        ulong hash = FnvOffset;
        foreach (char c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return (hash ^ 0xff) * FnvPrime;
    }

    /// <summary>The hash of <c>Task-{id}</c>, an unnamed task's name, without building the string.</summary>
    internal static ulong HashOfDefaultName(long id)
    {
        Span<char> name = stackalloc char[32];
        "Task-".CopyTo(name);
        id.TryFormat(name[5..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture);
        return HashOf(name[..(5 + digits)]);
    }

    internal static ulong MixNetwork(ulong hash, TraceEntryKind kind, NetworkEventKind eventKind, ulong from, ulong to) =>
        Mix(Mix(Mix(Mix(hash, (byte)kind), (byte)eventKind), from), to);

    internal static ulong Mix(ulong hash, byte value) => (hash ^ value) * FnvPrime;

    internal static ulong Mix(ulong hash, ulong word) => (hash ^ word) * FnvPrime;

    /// <summary>
    /// Endpoint names' hashes, remembered by string instance (a network's events share their hosts' name strings):
    /// a small direct-mapped memo of content hashes, so a hit and a miss give the same value.
    /// </summary>
    internal struct EndpointHashes
    {
        private const int Slots = 16;
        private string?[]? _keys;
        private ulong[]? _hashes;

        public ulong Of(string? text)
        {
            if (text is null)
            {
                return FnvOffset;
            }

            _keys ??= new string?[Slots];
            _hashes ??= new ulong[Slots];
            int slot = RuntimeHelpers.GetHashCode(text) & (Slots - 1);
            if (!ReferenceEquals(_keys[slot], text))
            {
                _keys[slot] = text;
                _hashes[slot] = HashOf(text);
            }

            return _hashes[slot];
        }
    }
}
