using System.Collections;
using System.Security.Cryptography;
using System.Text;

namespace SimLoop.Scheduling;

/// <summary>
/// What a run did: every scheduling decision, task enter/leave, callback, timer, clock jump and network event, in
/// order. The same program, seed and strategy give the same trace in any process; <see cref="ToText"/> and
/// <see cref="Hash"/> compare traces byte for byte.
/// </summary>
/// <remarks>
/// Only the run's loop writes a trace (through its trace recorder); users read it. Entries keep what happened as data
/// (see <see cref="TraceEntry.Event"/>) and build their text when read. Decisions are stored compactly (see <c>DecisionLog</c>): a decision's ready task ids, and the text of its
/// <see cref="TraceEntryKind.Decision"/> entry, are rebuilt when read.
/// </remarks>
public sealed class ScheduleTrace
{
    private readonly TraceEntryStore _entries = new();
    private readonly DecisionLog _decisions = new();

    /// <summary>Creates an empty trace.</summary>
    /// <param name="recordEntries">False to record only the decisions (cheaper; enough for replay).</param>
    public ScheduleTrace(bool recordEntries = true)
    {
        RecordsEntries = recordEntries;
        Entries = new EntryList(this);
        Decisions = new DecisionList(_decisions);
    }

    /// <summary>Whether entries other than decisions are recorded.</summary>
    public bool RecordsEntries { get; }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<TraceEntry> Entries { get; }

    /// <summary>The scheduling decisions, in order.</summary>
    public IReadOnlyList<ScheduleDecision> Decisions { get; }

    /// <summary>Appends an entry (if entries are recorded).</summary>
    /// <param name="entry">The entry.</param>
    internal void Add(in TraceEntry entry)
    {
        if (RecordsEntries)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>The compact store of the entries, for the trace's one writer (see <see cref="RecordsEntries"/>).</summary>
    internal TraceEntryStore Store => _entries;

    /// <summary>The shape hash fed as entries are recorded (explored iterations only; null otherwise).</summary>
    internal Exploration.TraceShape? Shape
    {
        get => _entries.Shape;
        set => _entries.Shape = value;
    }

    /// <summary>Appends a decision, and a <see cref="TraceEntryKind.Decision"/> entry.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="timeTicks">The loop time.</param>
    internal void AddDecision(in ScheduleDecision decision, long timeTicks)
    {
        _decisions.Add(decision);
        AddDecisionEntry(decision.Chosen, timeTicks);
    }

    /// <summary>Appends the decision to run <paramref name="chosen"/> of the live ready set (no per-decision array).</summary>
    internal void AddDecision(int chosen, in ReadySet ready, long timeTicks)
    {
        _decisions.Add(chosen, ready);
        AddDecisionEntry(chosen, timeTicks);
    }

    /// <summary>The trace as text, one entry a line.</summary>
    public string ToText()
    {
        var sb = new StringBuilder(_entries.Count * 16);
        for (TraceEntryCursor c = _entries.Start(); c.Index < _entries.Count; _entries.Next(ref c))
        {
            sb.Append(Built(_entries.Read(c)).ToString()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The chosen indices, in order (what a choice-list replay follows).</summary>
    public int[] Choices()
    {
        var result = new int[_decisions.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _decisions.ChosenAt(i);
        }

        return result;
    }

    /// <summary>A SHA-256 of <see cref="ToText"/> and the decisions, as 16 hex digits: equal traces have equal hashes.</summary>
    public string Hash()
    {
        var sb = new StringBuilder(ToText());
        for (int i = 0; i < _decisions.Count; i++)
        {
            sb.Append(_decisions.StepAt(i)).Append(':').Append(_decisions.ChosenAt(i)).Append('\n');
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
    }

    private void AddDecisionEntry(int chosen, long timeTicks)
    {
        if (RecordsEntries)
        {
            _entries.AddDecision(timeTicks, _decisions.Count - 1, chosen);
        }
    }

    /// <summary>
    /// The entries as stored, for readers that skip decisions' text (coverage keys): a <see cref="TraceEntryKind.Decision"/>
    /// entry here has no text (its Event is an internal marker), and a network event about a message may be kept as its
    /// parts (a <c>DeferredNetworkEvent</c>). Nothing is built or copied per entry.
    /// </summary>
    internal int StoredCount => _entries.Count;

    /// <summary>The stored entry <paramref name="index"/> (see <see cref="StoredCount"/>).</summary>
    internal TraceEntry StoredAt(int index) => _entries.At(index);

    private TraceEntry EntryAt(int index) => Built(_entries.At(index));

    // A stored entry as readers see it: a decision's text and a deferred network event built.
    private TraceEntry Built(in TraceEntry e) =>
        ReferenceEquals(e.Event, TraceEntryStore.LazyDecisionText) ? e with { TaskId = 0, Event = _decisions.ReadyTextAt((int)e.TaskId) }
        : e.Event is Networking.DeferredNetworkEvent deferred ? e with { Event = deferred.Build() }
        : e;

    private sealed class EntryList(ScheduleTrace trace) : IReadOnlyList<TraceEntry>
    {
        public int Count => trace._entries.Count;

        public TraceEntry this[int index] => trace.EntryAt(index);

        public IEnumerator<TraceEntry> GetEnumerator()
        {
            TraceEntryStore store = trace._entries;
            for (TraceEntryCursor c = store.Start(); c.Index < store.Count; store.Next(ref c))
            {
                yield return trace.Built(store.Read(c));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class DecisionList(DecisionLog log) : IReadOnlyList<ScheduleDecision>
    {
        public int Count => log.Count;

        public ScheduleDecision this[int index] => log.DecisionAt(index);

        public IEnumerator<ScheduleDecision> GetEnumerator()
        {
            for (int i = 0; i < log.Count; i++)
            {
                yield return log.DecisionAt(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
