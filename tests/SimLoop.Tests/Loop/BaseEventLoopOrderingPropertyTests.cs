using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>
/// Random programs of CallSoon / CallLater / CallAt / Cancel (also issued from inside callbacks) run in the order a
/// simple reference model gives: per iteration, the ready callbacks in FIFO order, then the timers due by then in
/// (due time, scheduling order); a callback that schedules more work sees it run in a later iteration.
/// </summary>
public sealed class BaseEventLoopOrderingPropertyTests
{
    private const long Second = TimeSpan.TicksPerSecond;

    /// <summary>One instruction: Kind 0 CallSoon, 1 CallLater(Arg - 2 s), 2 CallAt(Arg s), 3 Cancel(an earlier instruction's handle).</summary>
    public sealed record Op(int Kind, int Arg, int Parent, int Target);

    private static readonly Gen<Op[]> s_programs =
        Gen.ArrayOf(
            from kind in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)), (2, Gen.Constant(3)))
            from arg in Gen.Choose(0, 7)
            from parent in Gen.Choose(0, 1000)
            from target in Gen.Choose(0, 1000)
            select (kind, arg, parent, target))
        .Select(raw => raw.Select((r, i) => new Op(r.kind, r.arg, r.parent % (i + 1) - 1, i == 0 ? -1 : r.target % i)).ToArray());

    [Fact]
    public void SimulatedEventLoop_RandomCallbackPrograms_MatchTheReferenceModel() =>
        CheckAgainstModel(() => new SimulatedEventLoop());

    [Fact]
    public void TestLoop_RandomCallbackPrograms_MatchTheReferenceModel() =>
        CheckAgainstModel(() => new TestLoop());

    private static void CheckAgainstModel(Func<BaseEventLoop> createLoop)
    {
        Property property = Prop.ForAll(Arb.From(s_programs), program =>
        {
            List<(int Op, long At)> expected = ReferenceModel.Run(program);
            List<(int Op, long At)> actual = RunOnLoop(createLoop(), program);
            actual.ShouldBe(expected);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    private static List<(int Op, long At)> RunOnLoop(BaseEventLoop loop, Op[] program)
    {
        var ran = new List<(int, long)>();
        var handles = new Handle?[program.Length];

        void Issue(int parent)
        {
            for (int j = 0; j < program.Length; j++)
            {
                if (program[j].Parent != parent)
                {
                    continue;
                }

                int op = j;
                Action callback = () =>
                {
                    ran.Add((op, loop.NowTicks));
                    Issue(op);
                };
                Op o = program[j];
                switch (o.Kind)
                {
                    case 0: handles[j] = loop.CallSoon(callback); break;
                    case 1: handles[j] = loop.CallLater(TimeSpan.FromSeconds(o.Arg - 2), callback); break;
                    case 2: handles[j] = loop.CallAt(o.Arg, callback); break;
                    default: handles[o.Target >= 0 ? o.Target : 0]?.Cancel(); break;
                }
            }
        }

        Issue(-1);
        loop.CallAt(1_000_000, loop.Stop);
        loop.RunForever();
        return ran;
    }

    /// <summary>The reference: two plain lists and a stable sort, no heap.</summary>
    private static class ReferenceModel
    {
        public static List<(int Op, long At)> Run(Op[] program)
        {
            long now = 0;
            long sequence = 0;
            var ready = new List<Item>();
            var timers = new List<Item>();
            var items = new Item?[program.Length];
            var ran = new List<(int, long)>();

            void Issue(int parent)
            {
                for (int j = 0; j < program.Length; j++)
                {
                    Op o = program[j];
                    if (o.Parent != parent)
                    {
                        continue;
                    }

                    switch (o.Kind)
                    {
                        case 0: ready.Add(items[j] = new Item(j, now, sequence++)); break;
                        case 1: timers.Add(items[j] = new Item(j, now + ((o.Arg - 2) * Second), sequence++)); break;
                        case 2: timers.Add(items[j] = new Item(j, o.Arg * Second, sequence++)); break;
                        default:
                            if (items[o.Target >= 0 ? o.Target : 0] is { } target)
                            {
                                target.Cancelled = true;
                            }

                            break;
                    }
                }
            }

            Issue(-1);
            while (true)
            {
                timers.RemoveAll(t => t.Cancelled);
                if (ready.Count == 0)
                {
                    if (timers.Count == 0)
                    {
                        return ran;
                    }

                    now = Math.Max(now, timers.Min(t => t.When));
                }

                List<Item> due = timers.Where(t => t.When <= now).OrderBy(t => t.When).ThenBy(t => t.Sequence).ToList();
                timers.RemoveAll(due.Contains);
                ready.AddRange(due);
                int todo = ready.Count;
                for (int i = 0; i < todo; i++)
                {
                    Item item = ready[0];
                    ready.RemoveAt(0);
                    if (!item.Cancelled)
                    {
                        ran.Add((item.Op, now));
                        Issue(item.Op);
                    }
                }
            }
        }

        private sealed class Item(int op, long when, long sequence)
        {
            public int Op { get; } = op;

            public long When { get; } = when;

            public long Sequence { get; } = sequence;

            public bool Cancelled { get; set; }
        }
    }
}
