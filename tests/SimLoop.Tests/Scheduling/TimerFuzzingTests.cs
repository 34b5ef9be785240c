using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

public sealed class TimerFuzzingTests
{
    [Fact]
    public void TimerJitter_DelaysWithinBound_NeverEarlier_SameForSameSeed()
    {
        var firedAt = new HashSet<long>();
        for (ulong seed = 0; seed < 50; seed++)
        {
            long first = FireTime(seed);
            first.ShouldBeInRange(TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(15).Ticks);
            FireTime(seed).ShouldBe(first);
            firedAt.Add(first);
        }

        firedAt.Count.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void TimerJitter_DoesNotShiftTheUserRandomStream()
    {
        int Draw(TimeSpan jitter)
        {
            int value = 0;
            Simulation.Run(5, async (loop, ct) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, ct);
                value = loop.Random.Next();
            }, new SimulationOptions { TimerJitter = jitter });
            return value;
        }

        Draw(TimeSpan.FromMilliseconds(5)).ShouldBe(Draw(TimeSpan.Zero));
    }

    [Fact]
    public void ShuffleSimultaneousTimers_ExploresBothOrders_FifoKeepsSchedulingOrder()
    {
        var orders = new HashSet<string>();
        for (ulong seed = 0; seed < 40; seed++)
        {
            orders.Add(TimerOrder(seed, shuffle: true));
            TimerOrder(seed, shuffle: false).ShouldBe("abc");
        }

        orders.Count.ShouldBe(6);
    }

    [Fact]
    public void TimerJitter_RejectsNegative() =>
        Should.Throw<OptionsValidationException>(() => new SimulatedEventLoop(new SimulationOptions { TimerJitter = TimeSpan.FromTicks(-1) }))
            .Problems.ShouldHaveSingleItem().Property.ShouldBe("TimerJitter");

    private static long FireTime(ulong seed)
    {
        long at = 0;
        SimulationRun run = Simulation.Run(seed, async (loop, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, ct);
            at = loop.NowTicks;
        }, new SimulationOptions { TimerJitter = TimeSpan.FromMilliseconds(5) });
        run.Failed.ShouldBeFalse();
        return at;
    }

    private static string TimerOrder(ulong seed, bool shuffle)
    {
        string order = "";
        Simulation.Run(seed, async (loop, ct) =>
        {
            foreach (string name in new[] { "a", "b", "c" })
            {
                loop.CallLater(TimeSpan.FromSeconds(1), () => order += name);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), loop.TimeProvider, ct);
        }, new SimulationOptions { ShuffleSimultaneousTimers = shuffle });
        return order;
    }
}
