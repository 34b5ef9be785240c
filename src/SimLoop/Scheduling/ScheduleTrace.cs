using System.Security.Cryptography;
using System.Text;

namespace SimLoop.Scheduling;

/// <summary>
/// What a run did: every scheduling decision, task enter/leave, callback, timer, clock jump and network event, in
/// order. The same program, seed and strategy give the same trace in any process; <see cref="ToText"/> and
/// <see cref="Hash"/> compare traces byte for byte.
/// </summary>
public sealed class ScheduleTrace
{
    private readonly List<TraceEntry> _entries = new();
    private readonly List<ScheduleDecision> _decisions = new();

    /// <summary>Creates an empty trace.</summary>
    /// <param name="recordEntries">False to record only the decisions (cheaper; enough for replay).</param>
    public ScheduleTrace(bool recordEntries = true) => RecordsEntries = recordEntries;

    /// <summary>Whether entries other than decisions are recorded.</summary>
    public bool RecordsEntries { get; }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<TraceEntry> Entries => _entries;

    /// <summary>The scheduling decisions, in order.</summary>
    public IReadOnlyList<ScheduleDecision> Decisions => _decisions;

    /// <summary>Appends an entry (if entries are recorded).</summary>
    /// <param name="entry">The entry.</param>
    public void Add(in TraceEntry entry)
    {
        if (RecordsEntries)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>Appends a decision, and a <see cref="TraceEntryKind.Decision"/> entry.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="timeTicks">The loop time.</param>
    public void AddDecision(in ScheduleDecision decision, long timeTicks)
    {
        _decisions.Add(decision);
        if (RecordsEntries)
        {
            _entries.Add(new TraceEntry(TraceEntryKind.Decision, timeTicks, 0, decision.Chosen, string.Join(',', decision.ReadyTaskIds)));
        }
    }

    /// <summary>The trace as text, one entry a line.</summary>
    public string ToText()
    {
        var sb = new StringBuilder(_entries.Count * 16);
        foreach (TraceEntry entry in _entries)
        {
            sb.Append(entry.ToString()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The chosen indices, in order (what a choice-list replay follows).</summary>
    public int[] Choices()
    {
        var result = new int[_decisions.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _decisions[i].Chosen;
        }

        return result;
    }

    /// <summary>A SHA-256 of <see cref="ToText"/> and the decisions, as 16 hex digits: equal traces have equal hashes.</summary>
    public string Hash()
    {
        var sb = new StringBuilder(ToText());
        foreach (ScheduleDecision d in _decisions)
        {
            sb.Append(d.StepNumber).Append(':').Append(d.Chosen).Append('\n');
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
    }
}
