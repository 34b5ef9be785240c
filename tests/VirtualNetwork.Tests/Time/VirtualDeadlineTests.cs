namespace SimLoop.Networking.Tests.Time;

public sealed class VirtualDeadlineTests
{
    [Theory]
    [InlineData(0L, 0L, 0L)]
    [InlineData(10L, 5L, 15L)]
    [InlineData(long.MaxValue - 5, 4L, long.MaxValue - 1)]
    [InlineData(long.MaxValue - 5, 5L, long.MaxValue)]
    [InlineData(1L, long.MaxValue, long.MaxValue)]
    public void After_SumOrNeverOnOverflow(long at, long duration, long expected)
    {
        VirtualDeadline.After(at, duration).ShouldBe(expected);
    }

    [Theory]
    [InlineData(200L, 0, 1000L, 200L)]
    [InlineData(200L, 2, 1000L, 800L)]
    [InlineData(200L, 3, 1000L, 1000L)]
    [InlineData(200L, 80, 1000L, 1000L)]
    [InlineData(long.MaxValue, 1, long.MaxValue, long.MaxValue)]
    [InlineData(1L << 40, 30, long.MaxValue, long.MaxValue)]
    public void BackOff_DoublesPerAttemptCappedWithoutOverflow(long first, int attempt, long max, long expected)
    {
        VirtualDeadline.BackOff(first, attempt, max).ShouldBe(expected);
    }
}
