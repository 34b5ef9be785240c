using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// The same seed gave two different traces (<see cref="ExplorationOptions.CheckDeterminism"/>): the code under test
/// depends on something outside the simulation (static state, the wall clock, unseeded randomness, hash order
/// of objects). The message shows the first entry that differs.
/// </summary>
public sealed class NondeterminismException : Exception
{
    internal NondeterminismException(ulong seed, int index, string? first, string? second)
        : base($"Nondeterminism: seed {seed} gave two different traces. First difference at entry {index}:\n" +
               $"  first run:  {first ?? "(trace ended)"}\n  second run: {second ?? "(trace ended)"}\n" +
               "Look for state that survives between runs (statics, caches), the wall clock, unseeded Random, or iteration over hash-ordered collections.")
    {
        Seed = seed;
        EntryIndex = index;
    }

    /// <summary>The seed that ran differently.</summary>
    public ulong Seed { get; }

    /// <summary>The index of the first differing trace entry.</summary>
    public int EntryIndex { get; }

    /// <summary>Throws if the two traces differ, naming the first differing entry.</summary>
    internal static void ThrowIfDifferent(ulong seed, ScheduleTrace first, ScheduleTrace second)
    {
        IReadOnlyList<TraceEntry> a = first.Entries;
        IReadOnlyList<TraceEntry> b = second.Entries;
        int common = Math.Min(a.Count, b.Count);
        for (int i = 0; i < common; i++)
        {
            if (a[i] != b[i])
            {
                throw new NondeterminismException(seed, i, a[i].ToString(), b[i].ToString());
            }
        }

        if (a.Count != b.Count)
        {
            throw new NondeterminismException(seed, common, common < a.Count ? a[common].ToString() : null, common < b.Count ? b[common].ToString() : null);
        }

        IReadOnlyList<ScheduleDecision> da = first.Decisions;
        IReadOnlyList<ScheduleDecision> db = second.Decisions;
        for (int i = 0; i < Math.Max(da.Count, db.Count); i++)
        {
            if (i >= da.Count || i >= db.Count || da[i].Chosen != db[i].Chosen || !da[i].ReadyTaskIds.SequenceEqual(db[i].ReadyTaskIds))
            {
                throw new NondeterminismException(seed, i, i < da.Count ? Describe(da[i]) : null, i < db.Count ? Describe(db[i]) : null);
            }
        }
    }

    private static string Describe(ScheduleDecision d) => $"decision at step {d.StepNumber}: {d.Chosen} of [{string.Join(",", d.ReadyTaskIds)}]";
}
