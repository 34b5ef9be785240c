namespace SimLoop.Scheduling;

/// <summary>
/// One run of a bounded exhaustive search: follows a prefix of choices, then FIFO, and records at every decision
/// which tasks were ready, which choice was made, and how many preemptions the run had made before it. On a
/// cooperative loop a switch at an <c>await</c> is not a preemption; a preemption is running a step other than the
/// FIFO-next one (a non-zero choice: delay bounding, Emmi et al. 2011).
/// </summary>
internal sealed class PrefixStrategy(int[] prefix) : IScheduleStrategy
{
    private readonly List<Point> _points = new();
    private int _preemptions;

    public IReadOnlyList<Point> Points => _points;

    public string Description => $"exhaustive({ScheduleString.Encode(prefix)})";

    public int NextStep(in ReadySet ready)
    {
        int index = _points.Count;
        int choice = index < prefix.Length ? prefix[index] % ready.Count : 0;
        var ids = new long[ready.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = ready.TaskIdAt(i);
        }

        _points.Add(new Point(ids, choice, _preemptions));
        _preemptions += choice == 0 ? 0 : 1;
        return choice;
    }

    internal readonly record struct Point(long[] Ready, int Chosen, int PreemptionsBefore);
}
