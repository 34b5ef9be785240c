using SimLoop.Networking;

namespace SimLoop.Choices;

/// <summary>
/// Every random stream of a simulated run, by name: the one place that lists them. Each stream's seed is
/// <see cref="SeedDerivation.Derive"/> of the run's seed and the stream's name, so drawing more from one never shifts
/// another; every draw of every stream is a <see cref="Choice"/> in the run's recorded sequence.
/// </summary>
/// <remarks>
/// The network defines its own names (<see cref="NetworkRandomStreams"/>, below the core) and gets its streams
/// through <see cref="INetworkScheduler.GetRandom"/>; storage and interception use the names here. Strategies seed
/// their own generators from <see cref="RandomStrategySeed"/> and <see cref="PctStrategySeed"/>; their draws are not
/// choices, the picks they make are (<see cref="Scheduler"/>).
/// </remarks>
public static class RandomStreams
{
    /// <summary>Scheduler picks: which ready step runs (recorded from the strategy's answer).</summary>
    public const string Scheduler = "scheduler";

    /// <summary>The order of timers due at the same instant (<see cref="SimulationOptions.ShuffleSimultaneousTimers"/>).</summary>
    public const string TimerOrder = "timer.order";

    /// <summary>Timer jitter (<see cref="SimulationOptions.TimerJitter"/>).</summary>
    public const string TimerJitter = "timer.jitter";

    /// <summary>Network latency of each message.</summary>
    public const string NetworkLatency = NetworkRandomStreams.Latency;

    /// <summary>Whether a message is lost.</summary>
    public const string NetworkLoss = NetworkRandomStreams.Loss;

    /// <summary>Whether a datagram is duplicated.</summary>
    public const string NetworkDuplicate = NetworkRandomStreams.Duplicate;

    /// <summary>Whether a datagram is reordered, and its extra delay.</summary>
    public const string NetworkReorder = NetworkRandomStreams.Reorder;

    /// <summary>Swizzle-clogging: which hosts, in which order, at which intervals.</summary>
    public const string NetworkSwizzle = NetworkRandomStreams.Swizzle;

    /// <summary>The prefix of a Buggify site's stream (<see cref="ForBuggifySite"/>).</summary>
    public const string BuggifyPrefix = "buggify:";

    /// <summary>What a crash keeps of a disk's unsynced data (per host: <see cref="ForHost"/>).</summary>
    public const string StorageTorn = "storage.torn";

    /// <summary>A disk's operation latency and latency spikes (per host).</summary>
    public const string StorageLatency = "storage.latency";

    /// <summary>A disk's injected faults: fsync failure, read corruption (per host).</summary>
    public const string StorageFault = "storage.fault";

    /// <summary>Random file names on a host's file system (per host).</summary>
    public const string StorageNames = "storage.names";

    /// <summary><see cref="SimulatedEventLoop.Random"/>: the values user code draws.</summary>
    public const string User = "user";

    /// <summary><c>Guid.NewGuid()</c> in rewritten code.</summary>
    public const string InterceptionGuid = "user.guid";

    /// <summary><c>new Random()</c> in rewritten code: the n-th instance (from 0) is the stream <c>user.random#n</c>.</summary>
    public const string InterceptionRandom = "user.random";

    /// <summary><c>Random.Shared</c> in rewritten code.</summary>
    public const string InterceptionSharedRandom = "user.random.shared";

    /// <summary>The name <see cref="Scheduling.RandomStrategy"/> derives its generator's seed from (not a recorded stream).</summary>
    public const string RandomStrategySeed = "random-strategy";

    /// <summary>The name <see cref="Scheduling.PctStrategy"/> derives its generator's seed from (not a recorded stream).</summary>
    public const string PctStrategySeed = "pct-strategy";

    /// <summary>The stream of Buggify site <paramref name="site"/>.</summary>
    /// <param name="site">The site's name.</param>
    public static string ForBuggifySite(string site) => BuggifyPrefix + site;

    /// <summary>The stream of a per-host concern (<c>concern/host</c>).</summary>
    /// <param name="concern">One of the storage constants.</param>
    /// <param name="host">The host's name.</param>
    public static string ForHost(string concern, string host) => $"{concern}/{host}";

    /// <summary>What the choices of <paramref name="stream"/> decide.</summary>
    /// <param name="stream">A stream name.</param>
    public static ChoiceClass ClassOf(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string concern = stream.Split('/')[0];
        return concern switch
        {
            Scheduler or TimerOrder => ChoiceClass.Ordering,
            TimerJitter or NetworkLatency or NetworkReorder or StorageLatency => ChoiceClass.Timing,
            NetworkLoss or NetworkDuplicate or NetworkSwizzle or StorageTorn or StorageFault => ChoiceClass.Fault,
            _ when concern.StartsWith(BuggifyPrefix, StringComparison.Ordinal) => ChoiceClass.Fault,
            _ => ChoiceClass.Data,
        };
    }
}
