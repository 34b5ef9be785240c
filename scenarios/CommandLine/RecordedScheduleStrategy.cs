using SimLoop.Scheduling;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Where a replayed run left the recorded one: the first decision whose ready steps differ, or (when
/// <see cref="Choice"/> is set) the first recorded choice that does not fit the program's draw.
/// </summary>
internal sealed record ScheduleDivergence(int DecisionIndex, long StepNumber, IReadOnlyList<long> RecordedReady, IReadOnlyList<long> FoundReady, ReplayDivergedException? Choice = null)
{
    public static ScheduleDivergence Of(ReplayDivergedException mismatch) => new(-1, -1, [], [], mismatch);

    public string Describe() => Choice is { } mismatch
        ? mismatch.Message.Replace("replay diverged at ", "", StringComparison.Ordinal).Replace(" The program no longer matches the trace; record a new one.", "", StringComparison.Ordinal)
        : CommonOptions.Invariant(
            $"decision {DecisionIndex + 1} (after step {StepNumber}): the trace recorded ready tasks [{string.Join(", ", RecordedReady)}], this run has [{string.Join(", ", FoundReady)}]");
}

/// <summary>
/// Follows a trace file's recorded decisions, checking at each that the ready task ids are the recorded ones, like
/// <see cref="ChoiceListStrategy.FromDecisions"/>; but where they first differ (the code changed, or <c>--fixed</c>
/// runs the fixed variant) it notes the divergence and runs FIFO from there instead of stopping the run, so the
/// replay can say both where the paths part and what the changed code then does.
/// </summary>
internal sealed class RecordedScheduleStrategy(IReadOnlyList<ScheduleDecision> decisions) : IScheduleStrategy
{
    private int _next;

    /// <summary>The first divergence, or null while the run follows the trace.</summary>
    public ScheduleDivergence? Divergence { get; private set; }

    public string Description => "replay(" + ScheduleString.Encode(decisions.Select(d => d.Chosen).ToArray()) + ")";

    public int NextStep(in ReadySet ready)
    {
        int index = _next++;
        if (Divergence is not null || index >= decisions.Count)
        {
            return 0;
        }

        ScheduleDecision recorded = decisions[index];
        if (!SameReady(recorded.ReadyTaskIds, ready))
        {
            var found = new long[ready.Count];
            for (int i = 0; i < found.Length; i++)
            {
                found[i] = ready.TaskIdAt(i);
            }

            Divergence = new ScheduleDivergence(index, ready.StepNumber, recorded.ReadyTaskIds, found);
            return 0;
        }

        return recorded.Chosen % ready.Count;
    }

    private static bool SameReady(IReadOnlyList<long> recorded, in ReadySet ready)
    {
        if (recorded.Count != ready.Count)
        {
            return false;
        }

        for (int i = 0; i < recorded.Count; i++)
        {
            if (recorded[i] != ready.TaskIdAt(i))
            {
                return false;
            }
        }

        return true;
    }
}
