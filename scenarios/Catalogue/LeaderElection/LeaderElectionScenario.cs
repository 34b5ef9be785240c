using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Scenarios.Catalogue.LeaderElection;

internal static class LeaderElectionScenario
{
    private static readonly string[] s_cluster = ["node-1", "node-2", "node-3"];
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(4);

    [Scenario("leader-election",
        Description = "Term-based election on randomised timeouts, leaders partitioned away again and again; a voter that forgets whom it voted for elects two leaders in one term.",
        Budget = 300)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        VirtualNetwork network = ctx.Network;
        network.SetDefaultLink(new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)) });
        var log = new ElectionLog();
        var nodes = new List<ElectionNode>();
        SimulatedHost[] hosts = s_cluster.Select(name => ctx.Loop.AddHost(name)).ToArray();
        foreach (SimulatedHost host in hosts)
        {
            var node = new ElectionNode(host.Name, ctx, log, s_cluster, checkVotedFor: ctx.Fixed);
            node.Start(host);
            nodes.Add(node);
        }

        // The fault injector is no machine on the network: a loop task, named for its own lane in the pictures.
        _ = ctx.Loop.CreateTask(t => IsolateLeadersAsync(ctx, network, nodes, t), "chaos/partitions");
        Task finished = await Task.WhenAny(log.Violation, Task.Delay(s_duration, ctx.Time, ct));
        if (finished == log.Violation)
        {
            throw new InvariantViolationException(await log.Violation);
        }

        InvariantViolationException.ThrowIfFalse(log.Leaders.Count > 0, "no leader was ever elected");
    }

    /// <summary>Again and again: wait, cut the current leader off from the others, heal the partition.</summary>
    private static async Task IsolateLeadersAsync(ScenarioContext ctx, VirtualNetwork network, List<ElectionNode> nodes, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ctx.Random.Next(300, 500)), ctx.Time, ct);
            if (nodes.Where(n => n.IsLeader).OrderByDescending(n => n.Term).FirstOrDefault() is not { } leader)
            {
                continue;
            }

            string[] others = nodes.Where(n => n != leader).Select(n => n.Name).ToArray();
            network.Partition([leader.Name], others);
            await Task.Delay(TimeSpan.FromMilliseconds(ctx.Random.Next(250, 400)), ctx.Time, ct);
            network.Repair([leader.Name], others);
        }
    }
}
