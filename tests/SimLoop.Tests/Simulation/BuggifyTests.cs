using Shouldly;
using Xunit;

namespace SimLoop.Tests.Simulation;

public sealed class BuggifyTests
{
    [Fact]
    public void Fire_OutsideASimulation_IsAlwaysFalse()
    {
        Enumerable.Range(0, 1000).Any(_ => Buggify.Fire("outside")).ShouldBeFalse();
    }

    [Fact]
    public void Fire_WithBuggifyOff_IsAlwaysFalse()
    {
        for (ulong seed = 0; seed < 50; seed++)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, Buggify = false });
            loop.RunUntilComplete(_ => Task.FromResult(Enumerable.Range(0, 100).Count(_ => Buggify.Fire("site")))).ShouldBe(0);
        }
    }

    [Fact]
    public void Fire_SameSeed_FiresAtTheSameCalls()
    {
        static string Pattern(ulong seed)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
            return loop.RunUntilComplete(_ => Task.FromResult(new string(Enumerable.Range(0, 200)
                .Select(i => Buggify.Fire(i % 2 == 0 ? "a" : "b") ? '1' : '0').ToArray())));
        }

        for (ulong seed = 0; seed < 20; seed++)
        {
            Pattern(seed).ShouldBe(Pattern(seed));
        }
    }

    [Fact]
    public void Fire_OverManySeeds_SitesAreOnAQuarterOfRunsAndFireAQuarterOfTimesWhenOn()
    {
        int runsWithSiteOn = 0, fired = 0, reachedWhileOn = 0;
        const int Runs = 400, Reaches = 200;
        for (ulong seed = 0; seed < Runs; seed++)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
            int count = loop.RunUntilComplete(_ => Task.FromResult(Enumerable.Range(0, Reaches).Count(_ => Buggify.Fire("site"))));
            if (loop.EnabledBuggifySites().Contains("site"))
            {
                runsWithSiteOn++;
                fired += count;
                reachedWhileOn += Reaches;
            }
            else
            {
                count.ShouldBe(0);
            }
        }

        (runsWithSiteOn / (double)Runs).ShouldBeInRange(0.18, 0.32);
        (fired / (double)reachedWhileOn).ShouldBeInRange(0.22, 0.28);
    }

    [Fact]
    public void Fire_AddingASite_DoesNotChangeAnotherSitesDraws()
    {
        static string Pattern(ulong seed, bool withOther)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
            return loop.RunUntilComplete(_ => Task.FromResult(new string(Enumerable.Range(0, 100).Select(_ =>
            {
                if (withOther)
                {
                    Buggify.Fire("other");
                }

                return Buggify.Fire("site") ? '1' : '0';
            }).ToArray())));
        }

        for (ulong seed = 0; seed < 20; seed++)
        {
            Pattern(seed, withOther: true).ShouldBe(Pattern(seed, withOther: false));
        }
    }

    [Fact]
    public void Fire_BlankSite_ThrowsNamingTheArgument()
    {
        Should.Throw<ArgumentException>(() => Buggify.Fire(" ")).ParamName.ShouldBe("site");
    }
}
