namespace SimLoop.Scheduling;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010). Each task gets a random priority, distinct
/// from all others, when its id is first seen among the ready steps (loop callbacks, id 0, count as one task); at
/// every decision the ready step of the highest-priority task runs (its oldest step if it has several). Before the
/// run, <c>depth - 1</c> change points are drawn uniformly and distinct from [1, <c>expectedSteps</c>]; at the
/// decision with that number (counting from 1) the task that would run is lowered below every other task, and stays
/// below every task first seen later (a lowered priority is below all initial ones, as in the paper). Every ready
/// step of a loop iteration runs in that iteration (the loop's rule), so priorities order the steps within each
/// iteration and no step waits forever.
/// A bug of depth <c>d</c> is found with probability at least 1/(n·k^(d-1)) per run (n tasks, k steps).
/// <para>
/// Over deliveries as well (<see cref="Deliveries"/>, a member of the exploration portfolio): the network's latency
/// draws are events of the run too, numbered with the decisions in one sequence, and a change point that falls on a
/// delivery delays that message to its link's largest latency (the delivery's priority is lowered below the messages
/// in flight beside it), so that d - 1 change points can also reorder deliveries, or a delivery and a step. The
/// delayed latency is the recorded choice, so the run replays and shrinks as any other.
/// </para>
/// </summary>
public sealed class PctStrategy : IScheduleStrategy, IChoiceBias
{
    private readonly Random _random;
    private readonly List<long> _byPriority = new();
    private const long DenseIds = 1 << 22;
    private int[] _rankById = new int[32]; // 1 + index in _byPriority of a task id below DenseIds (0: not seen)
    private readonly Dictionary<long, int> _rankOfLargeId = new(); // the same for other ids (never iterated)
    private readonly int[] _changePoints;
    private int _events; // decisions, and latency draws when Deliveries
    private int _nextChangePoint;
    private int _lowered; // how many tasks at the end of _byPriority were lowered at change points

    /// <summary>Creates the strategy.</summary>
    /// <param name="seed">The seed of the priorities and change points.</param>
    /// <param name="depth">The bug depth targeted: the number of change points plus one (at least 1).</param>
    /// <param name="expectedSteps">k: how many decisions a run is expected to make (at least 1); change points fall in [1, k].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> or <paramref name="expectedSteps"/> is less than 1.</exception>
    public PctStrategy(ulong seed, int depth, int expectedSteps)
        : this(seed, depth, expectedSteps, deliveries: false)
    {
    }

    /// <summary>Creates the strategy; with <paramref name="deliveries"/>, change points also fall on network deliveries (the run's <c>SimulationOptions.ChoiceBias</c> must be this strategy).</summary>
    internal PctStrategy(ulong seed, int depth, int expectedSteps, bool deliveries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedSteps, 1);
        Seed = seed;
        Depth = depth;
        ExpectedSteps = expectedSteps;
        _random = SeedDerivation.CreateRandom(seed, RandomStreams.PctStrategySeed);
        _changePoints = DrawChangePoints(_random, Math.Min(depth - 1, expectedSteps), expectedSteps);
        Deliveries = deliveries;
    }

    /// <summary>Whether change points fall on network deliveries (latency draws) as well as on decisions; k then counts both.</summary>
    internal bool Deliveries { get; }

    /// <summary>How many deliveries a change point delayed so far.</summary>
    internal int DelayedDeliveries { get; private set; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The bug depth targeted (change points + 1).</summary>
    public int Depth { get; }

    /// <summary>k, the number of decisions a run is expected to make.</summary>
    public int ExpectedSteps { get; }

    /// <summary>The event numbers (from 1, ascending: decisions, and deliveries when <see cref="Deliveries"/>) at which the running task's priority is lowered or the delivery delayed.</summary>
    public IReadOnlyList<int> ChangePoints => _changePoints;

    /// <summary>The task ids seen so far, highest priority first.</summary>
    public IReadOnlyList<long> PriorityOrder => _byPriority;

    /// <inheritdoc/>
    public string Description => $"pct(depth={Depth},k={ExpectedSteps},seed={Seed}{(Deliveries ? ",deliveries" : "")})";

    /// <inheritdoc/>
    public int NextStep(in ReadySet ready)
    {
        _events++;
        for (int i = 0; i < ready.Count; i++)
        {
            long id = ready.TaskIdAt(i);
            if (RankOf(id) < 0)
            {
                int at = _random.Next(_byPriority.Count - _lowered + 1); // above every lowered task
                _byPriority.Insert(at, id);
                RankFrom(at);
            }
        }

        int best = HighestPriority(ready);
        if (_nextChangePoint < _changePoints.Length && _changePoints[_nextChangePoint] == _events)
        {
            _nextChangePoint++;
            long lowered = ready.TaskIdAt(best);
            int from = RankOf(lowered);
            if (from < _byPriority.Count - _lowered)
            {
                _lowered++; // a task lowered again keeps its place among the lowered ones
            }

            _byPriority.RemoveAt(from);
            _byPriority.Add(lowered);
            RankFrom(from);
            best = HighestPriority(ready);
        }

        return best;
    }

    /// <summary>Counts a delivery's latency draw as an event; at a change point, the delivery takes its link's largest latency.</summary>
    ulong IChoiceBias.Bias(string stream, ChoiceKind kind, ulong bound, ulong drawn)
    {
        if (!Deliveries || bound < 2 || !string.Equals(stream, RandomStreams.NetworkLatency, StringComparison.Ordinal))
        {
            return drawn;
        }

        _events++;
        if (_nextChangePoint < _changePoints.Length && _changePoints[_nextChangePoint] == _events)
        {
            _nextChangePoint++;
            DelayedDeliveries++;
            return bound - 1; // the largest value: the link's largest latency (an exponential tail clamps there)
        }

        return drawn;
    }

    private int HighestPriority(in ReadySet ready)
    {
        int best = 0;
        int bestRank = int.MaxValue;
        for (int i = 0; i < ready.Count; i++)
        {
            int rank = RankOf(ready.TaskIdAt(i));
            if (rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>Updates the ranks of the tasks at <paramref name="start"/> and after (the ones an insert or move shifted).</summary>
    private void RankFrom(int start)
    {
        for (int i = start; i < _byPriority.Count; i++)
        {
            long id = _byPriority[i];
            if ((ulong)id >= DenseIds)
            {
                _rankOfLargeId[id] = i + 1;
                continue;
            }

            if (id >= _rankById.Length)
            {
                Array.Resize(ref _rankById, (int)Math.Max(_rankById.Length * 2L, id + 1));
            }

            _rankById[id] = i + 1;
        }
    }

    /// <summary>The index of task <paramref name="id"/> in the priority order, or -1 if not seen (a loop numbers its tasks from 1, so ids are small).</summary>
    private int RankOf(long id) =>
        (ulong)id < (ulong)_rankById.Length ? _rankById[id] - 1
        : (ulong)id >= DenseIds && _rankOfLargeId.TryGetValue(id, out int rank) ? rank - 1
        : -1;

    private static int[] DrawChangePoints(Random random, int count, int k)
    {
        // Partial Fisher-Yates over [1, k] without materialising it: distinct, uniform, deterministic.
        var swapped = new Dictionary<int, int>();
        var points = new int[count];
        for (int i = 0; i < count; i++)
        {
            int j = i + random.Next(k - i);
            int atJ = swapped.TryGetValue(j, out int vj) ? vj : j;
            int atI = swapped.TryGetValue(i, out int vi) ? vi : i;
            swapped[j] = atI;
            points[i] = atJ + 1;
        }

        Array.Sort(points);
        return points;
    }
}
