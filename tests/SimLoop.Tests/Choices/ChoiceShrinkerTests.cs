using Shouldly;
using SimLoop.Choices;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Choices;

using Simulation = SimLoop.Simulation;

public sealed class ChoiceShrinkerTests
{
    private static Choice[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        string[] streams = ["scheduler", "net.latency", "net.loss", "user"];
        return Enumerable.Range(0, count).Select(i => new Choice(streams[i % streams.Length], ChoiceKind.Integer, (ulong)random.Next(1, 1000))).ToArray();
    }

    [Fact]
    public void Minimize_ANeededLatencyAboveAThreshold_ShrinksToThatOneChoiceAtTheThreshold()
    {
        Choice[] original = [.. Noise(40, 1), new("net.latency", ChoiceKind.Integer, 900), .. Noise(40, 2)];
        static bool Fails(Choice[] c) => c.Any(x => x.Stream == "net.latency" && x.Value >= 81);

        Choice[] minimized = new ChoiceShrinker(Fails, 10_000).Minimize(original);

        minimized.ShouldBe([new Choice("net.latency", ChoiceKind.Integer, 81)]);
    }

    [Fact]
    public void Minimize_TwoNeededChoicesOfDifferentStreams_KeepsBothAtTheirSmallestFailingValues()
    {
        Choice[] original = Noise(60, 3);
        static bool Fails(Choice[] c) =>
            c.Count(x => x.Stream == "scheduler" && x.Value > 0) >= 1 && c.Any(x => x.Stream == "net.loss" && x.Value >= 500);
        Fails(original).ShouldBeTrue();

        var shrinker = new ChoiceShrinker(Fails, 10_000);
        Choice[] minimized = shrinker.Minimize(original);

        minimized.Length.ShouldBe(2);
        minimized.ShouldContain(new Choice("scheduler", ChoiceKind.Integer, 1));
        minimized.ShouldContain(new Choice("net.loss", ChoiceKind.Integer, 500));
        shrinker.Replays.ShouldBeLessThanOrEqualTo(10_000);
    }

    [Fact]
    public void Minimize_NeverReturnsASequenceThatPasses_EvenOnATinyBudget()
    {
        Choice[] original = Noise(30, 4);
        static bool Fails(Choice[] c) => c.Sum(x => (long)x.Value) >= 3000;
        Fails(original).ShouldBeTrue();

        Choice[] minimized = new ChoiceShrinker(Fails, 3).Minimize(original);

        Fails(minimized).ShouldBeTrue();
        minimized.Length.ShouldBeLessThanOrEqualTo(original.Length);
    }

    [Fact]
    public void Normalize_DropsEachStreamsTrailingZeros_KeepsInnerOnes()
    {
        Choice[] choices = [new("a", ChoiceKind.Integer, 0), new("b", ChoiceKind.Pick, 0), new("a", ChoiceKind.Integer, 2), new("a", ChoiceKind.Integer, 0)];

        ChoiceShrinker.Normalize(choices).ShouldBe([new Choice("a", ChoiceKind.Integer, 0), new Choice("a", ChoiceKind.Integer, 2)]);
    }
}
