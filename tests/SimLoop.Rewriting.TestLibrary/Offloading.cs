namespace SimLoop.Rewriting.TestLibrary;

/// <summary>Work offloaded with Task.Run: results, unwrapping, exceptions.</summary>
public static class Offloading
{
    public static async Task<int> SumAsync(int count)
    {
        Task<int> computed = Task.Run(() => Enumerable.Range(1, count).Sum());
        Task<int> delayed = Task.Run(async () =>
        {
            await Task.Delay(5).ConfigureAwait(false);
            return 1000;
        });
        int[] results = await Task.WhenAll(computed, delayed).ConfigureAwait(false);
        return results[0] + results[1];
    }

    public static Task FailAsync(string message) => Task.Run(() => throw new InvalidOperationException(message));

    public static async Task<bool> QueueWorkItemAsync()
    {
        var done = new TaskCompletionSource<bool>();
        ThreadPool.QueueUserWorkItem(_ => done.SetResult(true));
        return await done.Task.ConfigureAwait(false);
    }
}
