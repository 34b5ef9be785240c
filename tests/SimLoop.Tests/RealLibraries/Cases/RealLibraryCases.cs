namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>Every case of the RealLibraries suite, in the order the probe prints them.</summary>
internal static class RealLibraryCases
{
    public static IReadOnlyList<RealLibraryCase> All { get; } =
    [
        PollyPipelineCase.Case,
        SemaphoreHandOffCase.Case,
        ChannelCase.Case,
        PipelinesCase.Case,
        HttpClientCase.Case,
        ConfigureAwaitFalseLibraryCase.Case,
        TaskRunCase.Case,
    ];

    public static RealLibraryCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No RealLibraries case is named '{name}'.", nameof(name));
}
