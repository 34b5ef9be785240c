using Shouldly;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

/// <summary>
/// The compact store reads back exactly the entries written, in order and by index (forwards, backwards, across
/// chunks), whatever mix of merged steps, lone leaves, time changes, events and default names was written.
/// </summary>
public sealed class TraceEntryStoreTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 3_000)]
    [InlineData(3, 10_000)]
    public void Entries_ReadBack_AsWritten(int seed, int writes)
    {
        var random = new Random(seed);
        var store = new TraceEntryStore();
        var expected = new List<TraceEntry>();
        AwaitSite site = AwaitSite.PendingStart;
        long time = 0;
        for (int i = 0; i < writes; i++)
        {
            if (random.Next(4) == 0)
            {
                time += random.Next(3) == 0 ? -random.Next(5) : random.Next(1, 1_000_000);
            }

            long task = random.Next(1, 4);
            switch (random.Next(7))
            {
                case 0 or 1:
                    bool withSite = random.Next(2) == 0;
                    store.AddEnter(time, task, withSite ? site.Id : 0);
                    expected.Add(new TraceEntry(TraceEntryKind.Enter, time, task, 0, withSite ? site : null));
                    break;
                case 2 or 3:
                    store.AddLeave(time, task);
                    expected.Add(new TraceEntry(TraceEntryKind.Leave, time, task, 0, null));
                    break;
                case 4:
                    store.AddRegistered(time, task, i, random.Next(2) == 0 ? null : $"named{i}");
                    expected.Add(store.At(store.Count - 1));
                    expected[^1].Text.ShouldBeOneOf($"named{i}", $"Task-{i}");
                    break;
                case 5:
                    store.AddDecision(time, i, random.Next(5));
                    expected.Add(store.At(store.Count - 1));
                    expected[^1].Event.ShouldBeSameAs(TraceEntryStore.LazyDecisionText);
                    break;
                default:
                    var entry = new TraceEntry((TraceEntryKind)random.Next(10), time, -task, random.NextInt64(), random.Next(3) == 0 ? null : $"event{i}");
                    store.Add(entry);
                    expected.Add(entry);
                    break;
            }
        }

        store.Count.ShouldBe(expected.Count);
        var inOrder = new List<TraceEntry>();
        for (TraceEntryCursor c = store.Start(); c.Index < store.Count; store.Next(ref c))
        {
            inOrder.Add(store.Read(c));
        }

        inOrder.ShouldBe(expected);
        for (int i = expected.Count - 1; i >= 0; i--)
        {
            store.At(i).ShouldBe(expected[i]);
        }

        for (int k = 0; k < 500; k++)
        {
            int i = random.Next(expected.Count);
            store.At(i).ShouldBe(expected[i]);
        }
    }

    [Fact]
    public void EnterThenLeave_OfOneTask_AtOneTime_IsOneSlotReadAsTwoEntries()
    {
        var store = new TraceEntryStore();
        store.AddEnter(5, 1, 0);
        store.AddLeave(5, 1);
        store.AddEnter(5, 2, 0);
        store.AddLeave(6, 2); // the time moved: a lone Leave
        store.Count.ShouldBe(4);
        store.At(1).ShouldBe(new TraceEntry(TraceEntryKind.Leave, 5, 1, 0, null));
        store.At(3).ShouldBe(new TraceEntry(TraceEntryKind.Leave, 6, 2, 0, null));
        store.At(0).ShouldBe(new TraceEntry(TraceEntryKind.Enter, 5, 1, 0, null));
    }

    [Fact]
    public void At_OutsideTheEntries_NamesTheIndex()
    {
        var store = new TraceEntryStore();
        store.AddLeave(1, 1);
        Should.Throw<ArgumentOutOfRangeException>(() => store.At(1)).ParamName.ShouldBe("index");
    }
}
