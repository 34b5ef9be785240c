using SimLoop.Hosts;

namespace SimLoop.Storage.Tests.Hosts;

/// <summary>The core's per-host feature seam that the disk hangs on: one per host and type, told of crash and restart in registration order.</summary>
public sealed class HostFeatureTests
{
    private sealed class First(List<string> log) : IHostFeature
    {
        public void OnCrashed() => log.Add("first crashed");

        public void OnRestarting() => log.Add("first restarting");
    }

    private sealed class Second(List<string> log) : IHostFeature
    {
        public void OnCrashed() => log.Add("second crashed");

        public void OnRestarting() => log.Add("second restarting");
    }

    [Fact]
    public void GetFeature_CalledTwice_CreatesOnePerHostAndType()
    {
        Simulation.Run(1, (loop, ct) =>
        {
            SimulatedHost a = loop.AddHost("a"), b = loop.AddHost("b");
            var log = new List<string>();
            int created = 0;
            First Create(SimulatedHost h)
            {
                created++;
                return new First(log);
            }

            a.GetFeature(Create).ShouldBeSameAs(a.GetFeature(Create));
            b.GetFeature(Create).ShouldNotBeSameAs(a.GetFeature(Create));
            created.ShouldBe(2);
            Should.Throw<InvalidOperationException>(() => a.GetFeature<Second>(_ => null!));
            return Task.CompletedTask;
        }).Failure.ShouldBeNull();
    }

    [Fact]
    public void Features_OnCrashAndRestart_AreToldInRegistrationOrderBeforeTheStartFunctionRuns()
    {
        var log = new List<string>();
        Simulation.Run(1, async (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("h", (h, t) =>
            {
                log.Add($"start {h.BootCount}");
                return Task.CompletedTask;
            });
            host.GetFeature(_ => new Second(log));
            host.GetFeature(_ => new First(log));
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);

            host.Crash();
            host.Restart();
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);
        }).Failure.ShouldBeNull();

        log.ShouldBe(["start 1", "second crashed", "first crashed", "second restarting", "first restarting", "start 2"]);
    }
}
