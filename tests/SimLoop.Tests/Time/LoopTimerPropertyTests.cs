using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.Time;

/// <summary>
/// Random programs of timers on the loop's <see cref="TimeProvider"/> (create, Change, Dispose, periodic; also from
/// inside timer callbacks) fire each callback exactly at its due time, with GetUtcNow and GetTimestamp showing it.
/// </summary>
public sealed class LoopTimerPropertyTests
{
    private const long Second = TimeSpan.TicksPerSecond;
    private static readonly long s_horizon = (30 * Second) + (Second / 2);
    private static readonly DateTimeOffset s_start = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A timer: due in whole seconds (-1 for infinite), period in whole seconds (0 for one-shot).</summary>
    public sealed record TimerSpec(int Due, int Period);

    /// <summary>
    /// Done by timer <paramref name="Trigger"/> on its <paramref name="Firing"/>-th firing: Kind 0 creates a timer,
    /// 1 changes timer <paramref name="Target"/>, 2 disposes it.
    /// </summary>
    public sealed record TimerAction(int Trigger, int Firing, int Kind, int Target, TimerSpec Spec);

    public sealed record TimerProgram(TimerSpec[] Initial, TimerAction[] Actions)
    {
        public override string ToString() =>
            $"initial [{string.Join(", ", Initial.AsEnumerable())}] actions [{string.Join(", ", Actions.AsEnumerable())}]";
    }

    private static readonly Gen<TimerSpec> s_specs =
        from due in Gen.Choose(-1, 6)
        from period in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 4)))
        select new TimerSpec(due, period);

    private static readonly Gen<TimerProgram> s_programs =
        from count in Gen.Choose(1, 6)
        from initial in Gen.ArrayOf(s_specs, count)
        from actions in Gen.ArrayOf(
            from trigger in Gen.Choose(0, 11)
            from firing in Gen.Choose(1, 3)
            from kind in Gen.Choose(0, 2)
            from target in Gen.Choose(0, 100)
            from spec in s_specs
            select new TimerAction(trigger, firing, kind, target, spec))
        select new TimerProgram(initial, actions);

    [Fact]
    public void LoopTimers_RandomPrograms_FireExactlyAtTheirDueTimes()
    {
        Property property = Prop.ForAll(Arb.From(s_programs), program =>
        {
            List<(int Timer, long At)> expected = Model(program);
            var loop = new SimulatedEventLoop(new SimulationOptions { StartTime = s_start });
            List<(int Timer, long At, DateTimeOffset UtcNow, long Timestamp)> fired = Run(loop, program);
            fired.Select(f => (f.Timer, f.At)).ToList().ShouldBe(expected);
            fired.ShouldAllBe(f => f.UtcNow == s_start.AddTicks(f.At) && f.Timestamp == f.At);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    private static TimeSpan ToSpan(int seconds) => seconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds);

    private static List<(int, long, DateTimeOffset, long)> Run(SimulatedEventLoop loop, TimerProgram program)
    {
        TimeProvider tp = loop.TimeProvider;
        var timers = new List<ITimer>();
        var firings = new List<int>();
        var fired = new List<(int, long, DateTimeOffset, long)>();

        void Create(TimerSpec spec)
        {
            int id = timers.Count;
            firings.Add(0);
            timers.Add(null!);
            timers[id] = tp.CreateTimer(_ => OnFire(id), null, ToSpan(spec.Due), ToSpan(spec.Period));
        }

        void OnFire(int id)
        {
            firings[id]++;
            fired.Add((id, loop.NowTicks, tp.GetUtcNow(), tp.GetTimestamp()));
            foreach (TimerAction action in program.Actions)
            {
                if (action.Trigger != id || action.Firing != firings[id])
                {
                    continue;
                }

                switch (action.Kind)
                {
                    case 0: Create(action.Spec); break;
                    case 1: timers[action.Target % timers.Count].Change(ToSpan(action.Spec.Due), ToSpan(action.Spec.Period)); break;
                    default: timers[action.Target % timers.Count].Dispose(); break;
                }
            }
        }

        foreach (TimerSpec spec in program.Initial)
        {
            Create(spec);
        }

        loop.RunFor(TimeSpan.FromTicks(s_horizon));
        return fired;
    }

    /// <summary>The reference: a list of pending firings, each timer's state, and a scan for the earliest (due, order).</summary>
    private static List<(int, long)> Model(TimerProgram program)
    {
        long now = 0;
        long order = 0;
        var pending = new List<(int Timer, long When, long Order)>();
        var periods = new List<long>();
        var disposed = new List<bool>();
        var firings = new List<int>();
        var fired = new List<(int, long)>();

        void Schedule(int id, int due)
        {
            pending.RemoveAll(p => p.Timer == id);
            if (due >= 0)
            {
                pending.Add((id, now + (due * Second), order++));
            }
        }

        void Create(TimerSpec spec)
        {
            int id = periods.Count;
            periods.Add(spec.Period * Second);
            disposed.Add(false);
            firings.Add(0);
            Schedule(id, spec.Due);
        }

        foreach (TimerSpec spec in program.Initial)
        {
            Create(spec);
        }

        while (pending.Count > 0)
        {
            var next = pending.OrderBy(p => p.When).ThenBy(p => p.Order).First();
            if (next.When >= s_horizon)
            {
                break;
            }

            pending.Remove(next);
            now = next.When;
            int id = next.Timer;
            if (periods[id] > 0)
            {
                pending.Add((id, next.When + periods[id], order++));
            }

            firings[id]++;
            fired.Add((id, now));
            foreach (TimerAction action in program.Actions)
            {
                if (action.Trigger != id || action.Firing != firings[id])
                {
                    continue;
                }

                switch (action.Kind)
                {
                    case 0:
                        Create(action.Spec);
                        break;
                    case 1:
                        int changed = action.Target % periods.Count;
                        if (!disposed[changed])
                        {
                            periods[changed] = action.Spec.Period * Second;
                            Schedule(changed, action.Spec.Due);
                        }

                        break;
                    default:
                        int gone = action.Target % periods.Count;
                        disposed[gone] = true;
                        pending.RemoveAll(p => p.Timer == gone);
                        break;
                }
            }
        }

        return fired;
    }
}
