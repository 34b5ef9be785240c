namespace SimLoop.Rewriting.TestLibrary;

/// <summary>Unseeded randomness, as libraries use it.</summary>
public static class Identifiers
{
    public static Guid NewId() => Guid.NewGuid();

    public static int Roll() => new Random().Next(1_000_000);

    public static int SharedRoll() => Random.Shared.Next(1_000_000);

    public static async Task<string> TagAfterDelayAsync()
    {
        await Task.Delay(10).ConfigureAwait(false);
        return $"{Guid.NewGuid():N}-{new Random().Next(1000)}";
    }
}
