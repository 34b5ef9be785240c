namespace SimLoop.Rewriting.TestLibrary;

/// <summary>
/// A check-then-act race inside library code: each worker reads the counter, awaits, then writes it back. The second
/// worker starts later (more yields first), so the plain order never overlaps the two; another order loses an update.
/// </summary>
public static class RacyCounter
{
    public static async Task<int> IncrementTwiceAsync()
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

        await Task.WhenAll(Task.Run(() => IncrementAsync(0)), Task.Run(() => IncrementAsync(6))).ConfigureAwait(false);
        return counter;
    }
}
