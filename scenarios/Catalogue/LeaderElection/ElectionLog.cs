namespace SimLoop.Scenarios.Catalogue.LeaderElection;

/// <summary>The checker's view of the cluster: who became leader in which term. At most one leader per term.</summary>
internal sealed class ElectionLog
{
    private readonly Dictionary<int, string> _leaders = new();
    private readonly TaskCompletionSource<string> _violation = new();

    public Task<string> Violation => _violation.Task;

    public IReadOnlyDictionary<int, string> Leaders => _leaders;

    public void BecameLeader(int term, string node, TimeSpan at)
    {
        if (_leaders.TryGetValue(term, out string? other) && other != node)
        {
            _violation.TrySetResult($"two leaders in term {term}: {other} and {node} (at {at.TotalMilliseconds} ms)");
            return;
        }

        _leaders[term] = node;
    }
}
