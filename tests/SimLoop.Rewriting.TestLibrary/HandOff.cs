namespace SimLoop.Rewriting.TestLibrary;

/// <summary>Two workers started with Task.Run take turns through a SemaphoreSlim (with a token and with a timeout).</summary>
public static class HandOff
{
    public static async Task<string> RunAsync(int rounds, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(1, 1);
        var log = new List<string>();

        async Task WorkerAsync(string name)
        {
            for (int i = 0; i < rounds; i++)
            {
                if (i % 2 == 0)
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (!await gate.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
                {
                    throw new TimeoutException("the gate stayed closed for 30 s");
                }

                try
                {
                    log.Add(name + i);
                    await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
        }

        Task first = Task.Run(() => WorkerAsync("a"), cancellationToken);
        Task second = Task.Run(() => WorkerAsync("b"), cancellationToken);
        await Task.WhenAll(first, second).ConfigureAwait(false);
        return string.Join(",", log);
    }
}
