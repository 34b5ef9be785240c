using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

public sealed class SimSchedulesTests
{
    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void PropForAll_FindsAndShrinksAFailingInterleaving(string body)
    {
        int[]? first = null;
        int[]? smallest = null;
        SimulationOptions options = RacyBodies.Options(SimLoop.Exploration.ExplorationStrategy.Random, 1).Simulation;
        Property property = Prop.ForAll(SimSchedules.Arbitrary(), choices =>
        {
            bool failed = Simulation.Replay(1, choices, RacyBodies.ByName(body), options).Failed;
            first ??= failed ? choices : null;
            if (failed && (smallest is null || choices.Length <= smallest.Length))
            {
                smallest = choices;
            }

            return !failed;
        });

        Exception ex = Should.Throw<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property));
        ex.Message.ShouldContain("Falsifiable");
        smallest.ShouldNotBeNull();
        smallest.Length.ShouldBeLessThanOrEqualTo(first!.Length);
        Simulation.Replay(1, smallest, RacyBodies.ByName(body), options).Failure.ShouldBeOfType(RacyBodies.ExpectedFailure(body));
    }
}
