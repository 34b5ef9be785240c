using SimLoop.Networking;

namespace SimLoop.Exploration;

/// <summary>
/// Swarm testing (Groce et al., 2012): which timing and fault features one iteration switches on, chosen per iteration
/// from its seed, so that iterations differ in timing and faults and not only in task order. Applied to a run through
/// <see cref="SimulationOptions.Swarm"/>: the network reshapes every link's settings with <see cref="ShapeLink"/>
/// (latency profile, added loss, duplication and reordering), the loop adds timer jitter and shuffles simultaneous
/// timers, and Buggify sites fire only when <see cref="Buggify"/> is on. A feature that is off leaves the configured
/// behaviour as it is: the profile only adds variation, it never removes what the system under test set up.
/// </summary>
/// <param name="Latency">How link latencies are reshaped.</param>
/// <param name="Loss">Every link loses at least <see cref="LossRate"/> of its messages (TCP retransmits them).</param>
/// <param name="Duplication">Every link duplicates at least <see cref="DuplicationRate"/> of its datagrams.</param>
/// <param name="Reordering">Every link delays at least <see cref="ReorderRate"/> of its datagrams by up to <see cref="ReorderDelay"/>.</param>
/// <param name="TimerJitter">Timers fire up to <see cref="TimerJitterAmount"/> late (at least; a larger configured jitter stays).</param>
/// <param name="ShuffleTimers">Timers due at the same instant run in a seeded order.</param>
/// <param name="Buggify">Buggify sites may fire (when <see cref="SimulationOptions.Buggify"/> allows them at all).</param>
public sealed record SwarmProfile(
    LatencyProfile Latency,
    bool Loss,
    bool Duplication,
    bool Reordering,
    bool TimerJitter,
    bool ShuffleTimers,
    bool Buggify)
{
    /// <summary>
    /// Timing and fault draws are biased toward their extremes: a quarter of the latency, reordering and jitter draws
    /// take their range's smallest or largest value, and an eighth of the fault draws the run makes fire (see
    /// <see cref="SimulationOptions.Swarm"/>). Only draws the run makes at all are moved, and every value stays in the
    /// range the link, disk or timer (as this profile shapes it) allows; the moved values are the recorded choices.
    /// </summary>
    public bool Extremes { get; init; }

    /// <summary>The loss rate a profile with <see cref="Loss"/> gives every link, at least.</summary>
    public const double LossRate = 0.05;

    /// <summary>The duplication rate a profile with <see cref="Duplication"/> gives every link, at least.</summary>
    public const double DuplicationRate = 0.05;

    /// <summary>The reorder rate a profile with <see cref="Reordering"/> gives every link, at least.</summary>
    public const double ReorderRate = 0.2;

    /// <summary>The largest extra delay of a reordered datagram under <see cref="Reordering"/>, at least.</summary>
    public static readonly TimeSpan ReorderDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The timer jitter a profile with <see cref="TimerJitter"/> gives the run, at least.</summary>
    public static readonly TimeSpan TimerJitterAmount = TimeSpan.FromMicroseconds(100);

    private static readonly TimeSpan s_unitFloor = TimeSpan.FromMilliseconds(1);

    /// <summary>The profile that changes nothing (every feature off, Buggify as configured).</summary>
    public static SwarmProfile AsConfigured { get; } = new(LatencyProfile.AsConfigured, false, false, false, false, false, Buggify: true);

    /// <summary>Whether this profile changes nothing about the run.</summary>
    public bool IsAsConfigured => this == AsConfigured;

    /// <summary>
    /// Draws a profile from <paramref name="seed"/>: the latency profile uniformly, and duplication, reordering, timer
    /// jitter, timer shuffling, Buggify and <see cref="Extremes"/> each on with probability one half. <see cref="Loss"/> is never drawn: on
    /// streams a lost segment comes back after a retransmission timeout (200 ms, doubling), which turns every check
    /// that waits a bounded time into a failure; build a profile with it for a system whose checks wait for
    /// quiescence. The same seed always gives the same profile.
    /// </summary>
    /// <param name="seed">The seed (the exploration derives it from the iteration's seed).</param>
    /// <returns>The profile.</returns>
    public static SwarmProfile Draw(ulong seed)
    {
        Random random = SeedDerivation.CreateRandom(seed, "swarm.profile");
        var latency = (LatencyProfile)random.Next(Enum.GetValues<LatencyProfile>().Length);
        bool Coin() => random.Next(2) == 1;
        return new SwarmProfile(latency, Loss: false, Coin(), Coin(), Coin(), Coin(), Coin()) { Extremes = Coin() };
    }

    /// <summary>The settings a link configured with <paramref name="configured"/> has under this profile.</summary>
    /// <param name="configured">The link's configured settings.</param>
    /// <returns>The reshaped settings (the same object when nothing changes).</returns>
    public LinkSettings ShapeLink(LinkSettings configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (Latency == LatencyProfile.AsConfigured && !Loss && !Duplication && !Reordering)
        {
            return configured;
        }

        return configured with
        {
            Latency = ShapeLatency(configured.Latency),
            LossRate = Loss ? Math.Max(configured.LossRate, LossRate) : configured.LossRate,
            DuplicationRate = Duplication ? Math.Max(configured.DuplicationRate, DuplicationRate) : configured.DuplicationRate,
            ReorderRate = Reordering ? Math.Max(configured.ReorderRate, ReorderRate) : configured.ReorderRate,
            ReorderDelay = Reordering && configured.ReorderDelay < ReorderDelay ? ReorderDelay : configured.ReorderDelay,
        };
    }

    /// <summary>Sets the loop options this profile governs on <paramref name="options"/> (timer jitter and order, Buggify, the extremes bias); the loop calls it on its copy.</summary>
    internal void ApplyTo(SimulationOptions options)
    {
        if (Extremes)
        {
            options.ChoiceBias = ChainedBias.Of(options.ChoiceBias, new ExtremeBias(options.Seed));
        }

        if (TimerJitter && options.TimerJitter < TimerJitterAmount)
        {
            options.TimerJitter = TimerJitterAmount;
        }

        options.ShuffleSimultaneousTimers |= ShuffleTimers;
        options.Buggify &= Buggify;
    }

    /// <summary>A compact description, for reports: <c>latency=high loss jitter</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string> { "latency=" + Latency.ToString().ToLowerInvariant() };
        AddIf(Loss, "loss");
        AddIf(Duplication, "duplication");
        AddIf(Reordering, "reordering");
        AddIf(TimerJitter, "jitter");
        AddIf(ShuffleTimers, "timer-shuffle");
        AddIf(!Buggify, "no-buggify");
        AddIf(Extremes, "extremes");
        return string.Join(' ', parts);

        void AddIf(bool on, string name)
        {
            if (on)
            {
                parts.Add(name);
            }
        }
    }

    private LatencyModel ShapeLatency(LatencyModel configured)
    {
        TimeSpan min = configured.Min, max = configured.Max;
        TimeSpan unit = max < s_unitFloor ? s_unitFloor : max;
        return Latency switch
        {
            LatencyProfile.Low => LatencyModel.Uniform(TimeSpan.Zero, min),
            LatencyProfile.Uniform => LatencyModel.Uniform(TimeSpan.Zero, unit * 2),
            LatencyProfile.High => LatencyModel.Exponential(max, max + (unit * 20)),
            LatencyProfile.Tail => LatencyModel.Exponential(min, min + (unit * 8)),
            _ => configured,
        };
    }
}
