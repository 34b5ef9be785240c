using SimLoop.Scheduling;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.Scheduling;

/// <summary>The timer heap's order (due time, then scheduling sequence) and CPython's cancelled-timer clean-up.</summary>
public sealed class TimerHeapTests
{
    private static readonly Action<object?> s_noop = static _ => { };
    private readonly SimulatedEventLoop _loop = new();

    [Fact]
    public void Dequeue_InterleavedWithAddsTiesAndCancellations_IsAlwaysTheEarliestLiveTimer()
    {
        var random = new Random(14);
        var heap = new TimerHeap();
        var live = new SortedSet<TimerHandle>(Comparer<TimerHandle>.Create(static (a, b) =>
            a.WhenTicks != b.WhenTicks ? a.WhenTicks.CompareTo(b.WhenTicks) : a.Sequence.CompareTo(b.Sequence)));
        int dequeued = 0;
        for (int round = 0; round < 4_000; round++)
        {
            // Due times from a small range, so that many timers share an instant and the sequence decides.
            TimerHandle timer = NewTimer(random.Next(0, 300));
            heap.Add(timer);
            live.Add(timer);
            if (random.Next(4) == 0)
            {
                TimerHandle victim = live.ElementAt(random.Next(live.Count));
                victim.Cancel();
                heap.OnCancelled(victim);
                live.Remove(victim);
            }

            if (random.Next(3) == 0)
            {
                heap.CleanUp();
                heap.PeekLive().ShouldBeSameAs(live.Min);
                if (live.Min is { } earliest)
                {
                    heap.Dequeue().ShouldBeSameAs(earliest);
                    earliest.InHeap.ShouldBeFalse();
                    live.Remove(earliest);
                    dequeued++;
                }
            }
        }

        while (live.Min is { } earliest)
        {
            heap.PeekLive().ShouldBeSameAs(earliest);
            heap.Dequeue().ShouldBeSameAs(earliest);
            live.Remove(earliest);
            dequeued++;
        }

        heap.PeekLive().ShouldBeNull();
        heap.Count.ShouldBe(0);
        heap.CancelledCount.ShouldBe(0);
        dequeued.ShouldBeGreaterThan(2_000);
    }

    [Fact]
    public void Dequeue_AllAddedFirst_IsTheSortedOrder()
    {
        var random = new Random(7);
        var heap = new TimerHeap();
        var all = new List<TimerHandle>();
        for (int i = 0; i < 10_000; i++)
        {
            TimerHandle timer = NewTimer(random.Next(0, 2_000));
            heap.Add(timer);
            all.Add(timer);
        }

        var expected = all.OrderBy(t => t.WhenTicks).ThenBy(t => t.Sequence).ToList();
        heap.LiveTimers().ShouldBe(expected);
        var left = new List<TimerHandle>();
        while (heap.Count > 0)
        {
            left.Add(heap.Dequeue());
        }

        left.ShouldBe(expected);
    }

    [Fact]
    public void CleanUp_MoreThanHalfOfALargeHeapCancelled_RebuildsWithoutThemAndKeepsTheOrder()
    {
        var heap = new TimerHeap();
        var all = Enumerable.Range(0, 200).Select(i => NewTimer((i * 37) % 101)).ToList();
        all.ForEach(heap.Add);
        var cancelled = all.Where((_, i) => i % 4 != 0).ToList();
        foreach (TimerHandle timer in cancelled)
        {
            timer.Cancel();
            heap.OnCancelled(timer);
        }

        heap.CleanUp();

        heap.Count.ShouldBe(50);
        heap.CancelledCount.ShouldBe(0);
        cancelled.ShouldAllBe(t => !t.InHeap);
        var left = new List<TimerHandle>();
        while (heap.Count > 0)
        {
            left.Add(heap.Dequeue());
        }

        left.ShouldBe(all.Where(t => !t.Cancelled).OrderBy(t => t.WhenTicks).ThenBy(t => t.Sequence).ToList());
    }

    [Fact]
    public void CleanUp_HalfOrFewerCancelled_DropsOnlyThoseAtTheHead()
    {
        var heap = new TimerHeap();
        var all = Enumerable.Range(0, 200).Select(i => NewTimer(i)).ToList();
        all.ForEach(heap.Add);
        foreach (TimerHandle timer in all.Take(3).Concat(all.Skip(150).Take(10)))
        {
            timer.Cancel();
            heap.OnCancelled(timer);
        }

        heap.CleanUp();

        heap.Count.ShouldBe(197); // the three at the head went, the ten further in stay until they reach it
        heap.CancelledCount.ShouldBe(10);
        heap.PeekLive().ShouldBeSameAs(all[3]);
    }

    private TimerHandle NewTimer(long whenTicks) => new(_loop, whenTicks, s_noop, null, context: null, owner: null);
}
