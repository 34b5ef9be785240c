using Shouldly;
using SimLoop.Choices;
using Xunit;

namespace SimLoop.Tests.Choices;

using Simulation = SimLoop.Simulation;

public sealed class SeedDerivationTests
{
    [Fact]
    public void Fnv1a_KnownVectors_MatchTheReference()
    {
        SeedDerivation.Fnv1a(string.Empty).ShouldBe(0xcbf29ce484222325UL);
        SeedDerivation.Fnv1a("a").ShouldBe(0xaf63dc4c8601ec8cUL);
        SeedDerivation.Fnv1a("foobar").ShouldBe(0x85944171f73967e8UL);
    }

    [Fact]
    public void Derive_SameInputs_SameSeed_DifferentConcerns_DifferentSeeds()
    {
        SeedDerivation.Derive(7, "net.loss").ShouldBe(SeedDerivation.Derive(7, "net.loss"));
        SeedDerivation.Derive(7, "net.loss").ShouldNotBe(SeedDerivation.Derive(7, "net.latency"));
        SeedDerivation.Derive(7, "net.loss").ShouldNotBe(SeedDerivation.Derive(8, "net.loss"));
    }

    [Fact]
    public void CreateRandom_SameInputs_SameSequence()
    {
        Random a = SeedDerivation.CreateRandom(99, "x");
        Random b = SeedDerivation.CreateRandom(99, "x");

        Enumerable.Range(0, 10).Select(_ => a.Next()).ShouldBe(Enumerable.Range(0, 10).Select(_ => b.Next()));
    }

    [Fact]
    public void Derive_NullConcern_ThrowsNamingConcern()
    {
        Should.Throw<ArgumentNullException>(() => SeedDerivation.Derive(1, null!)).ParamName.ShouldBe("concern");
    }
}
