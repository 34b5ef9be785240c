using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Networking.Tests.Faults;

/// <summary>
/// Issue 11's network fault property: random faults of every kind over a server and two clients, all healed at a fixed
/// virtual time. On the code before the persist timer and the SYN timer it found 44 violations in these 500 cases:
/// writes blocked forever on a closed window, and connects pending forever, after the heal.
/// </summary>
public sealed class NetworkFaultPropertyTests
{
    private const int Cases = 500;
    private const int HealMs = FaultyNetworkRun.HealMs;

    [Fact]
    public void Network_AnyFaultsHealedAtAFixedTime_ReadsPrefixesFailsWithSocketErrorsAndRecovers()
    {
        int cases = 0, failedSessions = 0;
        var kinds = new HashSet<FaultKind>();
        Config config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithReplay(new Replay(new Rnd(20261201UL, 0x9E3779B97F4A7C15UL), null));
        Check.One(config, Prop.ForAll(Arb.From(Scenarios()), scenario =>
        {
            cases++;
            kinds.UnionWith(scenario.Faults.Select(f => f.Kind));
            FaultyRunResult result = FaultyNetworkRun.Run(scenario);
            failedSessions += result.FailedSessions;
            result.Violations.ShouldBeEmpty($"{scenario}{Environment.NewLine}{string.Join(Environment.NewLine, result.Violations.Take(10))}");
        }));

        cases.ShouldBeGreaterThanOrEqualTo(Cases);
        kinds.ShouldBe(Enum.GetValues<FaultKind>(), ignoreOrder: true);
        failedSessions.ShouldBeGreaterThan(Cases, "the faults should make many sessions fail, or the property tests nothing");
    }

    private static Gen<FaultScenario> Scenarios() =>
        from mtu in Gen.Choose(64, 1460)
        from sendBuffer in Gen.Elements(512, 2048, 8192, 65536)
        from receiveBuffer in Gen.Elements(512, 2048, 8192, 65536)
        from retries in Gen.Choose(1, 8)
        from rto in Gen.Choose(20, 300)
        from maxRto in Gen.Choose(rto, 2000)
        from connectTimeout in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1000, 10_000).Select(ms => (int?)ms)))
        from idle in Gen.Choose(500, 4000)
        from pauseProbability in Gen.Elements(0.0, 0.05, 0.3)
        from maxPause in Gen.Choose(0, 3000)
        from maxBytes in Gen.Elements(0, 2000, 12_000)
        from faults in Gen.ListOf(Faults()).Select(list => list.Take(8).ToArray())
        from seed in Gen.Choose(0, int.MaxValue)
        select new FaultScenario(mtu, sendBuffer, receiveBuffer, retries, rto, maxRto, connectTimeout, idle, pauseProbability, maxPause, maxBytes, faults, (ulong)seed);

    private static Gen<Fault> Faults() =>
        from kind in Gen.Elements(Enum.GetValues<FaultKind>())
        from at in Gen.Choose(0, HealMs - 1000)
        from duration in Gen.Choose(50, HealMs)
        from pair in Gen.Elements((0, 1), (0, 2), (1, 0), (2, 0), (1, 2))
        from magnitude in Gen.Choose(0, 100).Select(m => m / 100.0)
        select new Fault(kind, at, duration, pair.Item1, pair.Item2, magnitude);
}
