using Shouldly;

namespace SimLoop.Tests.Support;

/// <summary>Runs the same program on fresh loops many times and checks that every run ends the same way.</summary>
public static class RepeatedRuns
{
    /// <summary>Runs <paramref name="program"/> <paramref name="runs"/> times and returns the single trace hash all runs share.</summary>
    public static string ShouldHaveOneTrace(int runs, Func<SimulationOptions> options, Action<SimulatedEventLoop> program)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < runs; i++)
        {
            var loop = new SimulatedEventLoop(options());
            program(loop);
            hashes.Add(loop.Trace.Hash());
        }

        return hashes.ShouldHaveSingleItem();
    }

    /// <summary>Runs <paramref name="program"/> <paramref name="runs"/> times; every run must end with <typeparamref name="TException"/>.</summary>
    public static IReadOnlyList<string> ShouldAlwaysThrow<TException>(int runs, Func<SimulationOptions> options, Action<SimulatedEventLoop> program)
        where TException : Exception
    {
        var messages = new List<string>();
        for (int i = 0; i < runs; i++)
        {
            var loop = new SimulatedEventLoop(options());
            messages.Add(Should.Throw<TException>(() => program(loop)).Message);
        }

        return messages;
    }
}
