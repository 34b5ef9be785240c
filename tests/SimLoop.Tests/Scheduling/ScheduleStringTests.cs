using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

public sealed class ScheduleStringTests
{
    [Fact]
    public void Encode_RunLengthAndBase36()
    {
        ScheduleString.Encode([0, 0, 0, 0, 0, 1, 2, 1]).ShouldBe("v1:0*5;121");
        ScheduleString.Encode([35, 36, 36]).ShouldBe("v1:z{10}{10}");
        ScheduleString.Encode([]).ShouldBe("v1:");
    }

    [Fact]
    public void Decode_IsTheInverseOfEncode()
    {
        Arbitrary<int[]> lists = Gen.Frequency((4, Gen.Choose(0, 3)), (1, Gen.Choose(0, 5000))).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(lists, c => ScheduleString.Decode(ScheduleString.Encode(c)).SequenceEqual(c)));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("v2:01")]
    [InlineData("v1:0*")]
    [InlineData("v1:{zz")]
    [InlineData("v1:A")]
    public void Decode_RejectsMalformedText(string text) => Should.Throw<FormatException>(() => ScheduleString.Decode(text));
}
