using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Networking.Tests.Links;

public sealed class LatencyModelTests
{
    [Fact]
    public void SampleTicks_AnyShapeAndRange_StaysBetweenMinAndMax()
    {
        Gen<(LatencyModel Model, int Seed)> models =
            from min in Gen.Choose(0, 1000)
            from extra in Gen.Choose(0, 1000)
            from exponential in Gen.Elements(true, false)
            from seed in Gen.Choose(0, int.MaxValue)
            select (exponential
                ? LatencyModel.Exponential(TimeSpan.FromTicks(min), TimeSpan.FromTicks(min + extra))
                : LatencyModel.Uniform(TimeSpan.FromTicks(min), TimeSpan.FromTicks(min + extra)), seed);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Arb.From(models), m =>
        {
            var random = new Random(m.Seed);
            return Enumerable.Range(0, 50).Select(_ => m.Model.SampleTicks(random)).All(t => t >= m.Model.Min.Ticks && t <= m.Model.Max.Ticks);
        }));
    }

    [Fact]
    public void Exponential_MostSamplesAreNearTheMinimum()
    {
        var model = LatencyModel.Exponential(TimeSpan.Zero, TimeSpan.FromTicks(1000));
        var random = new Random(5);

        List<long> samples = [.. Enumerable.Range(0, 1000).Select(_ => model.SampleTicks(random))];

        samples.Count(s => s < 500).ShouldBeGreaterThan(800);
    }

    [Fact]
    public void Uniform_MaxBelowMin_ThrowsNamingMax()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => LatencyModel.Uniform(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))).ParamName.ShouldBe("max");
    }

    [Fact]
    public void Fixed_NegativeLatency_ThrowsNamingLatency()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => LatencyModel.Fixed(TimeSpan.FromTicks(-1))).ParamName.ShouldBe("latency");
    }
}
