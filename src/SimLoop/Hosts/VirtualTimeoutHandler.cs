namespace SimLoop.Hosts;

/// <summary>
/// <see cref="HttpClient.Timeout"/> on a <see cref="TimeProvider"/>: a request (up to its response headers, and the
/// buffered body of the convenience methods) that takes longer than the timeout is cancelled and fails with the
/// exception <see cref="HttpClient"/> itself throws for a timeout.
/// </summary>
internal sealed class VirtualTimeoutHandler(TimeProvider time, TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await base.SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                $"The request was canceled due to the configured HttpClient.Timeout of {timeout.TotalSeconds} seconds elapsing (in virtual time).",
                new TimeoutException(ex.Message, ex));
        }
    }
}
