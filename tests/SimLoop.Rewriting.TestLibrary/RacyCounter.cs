namespace SimLoop.Rewriting.TestLibrary;

/// <summary>
/// A check-then-act race inside library code: each worker reads the counter, awaits, then writes it back. Tasks
/// advance one step per loop iteration, and a worker's read and write are one step apart (the Task.Delay(0) is
/// complete already; the yield is the step). So the second worker, one yield behind, reads in the iteration in which
/// the first writes, queued after it: the plain order reads the written value; the other order loses an update.
/// </summary>
public static class RacyCounter
{
    /// <summary>The race as shipped: the second worker starts one yield after the first.</summary>
    public static Task<int> IncrementTwiceAsync() => IncrementTwiceAsync(secondHeadStart: 1);

    /// <summary>The race with the second worker <paramref name="secondHeadStart"/> yields behind (0: both read at once).</summary>
    public static async Task<int> IncrementTwiceAsync(int secondHeadStart)
    {
        int counter = 0;

        async Task IncrementAsync(int headStart)
        {
            for (int i = 0; i < headStart; i++)
            {
                await Task.Yield();
            }

            int seen = counter;
            await Task.Delay(0).ConfigureAwait(false);
            await Task.Yield();
            counter = seen + 1;
        }

        await Task.WhenAll(Task.Run(() => IncrementAsync(0)), Task.Run(() => IncrementAsync(secondHeadStart))).ConfigureAwait(false);
        return counter;
    }
}
