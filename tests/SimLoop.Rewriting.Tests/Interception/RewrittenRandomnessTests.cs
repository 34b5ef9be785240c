using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

public sealed class RewrittenRandomnessTests : IDisposable
{
    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    [Fact]
    public void CreateVersion7_InsideSimulation_CarriesVirtualTimeAndSeededBits()
    {
        string output = Path.Combine(_compiler.Directory, "out", "Ids.dll");
        new AssemblyRewriter().Rewrite(_compiler.Compile("Ids", "public static class Ids { public static System.Guid Next() => System.Guid.CreateVersion7(); }"), output)
            .Diagnostics.ShouldBeEmpty();
        var next = SnippetCompiler.Method<Func<Guid>>(SnippetCompiler.Load(output), "Ids", "Next");
        var start = new DateTimeOffset(2034, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

        Guid Draw(ulong seed)
        {
            Guid id = default;
            Simulation.Run(seed, (_, _) => { id = next(); return Task.CompletedTask; }, new SimulationOptions { StartTime = start }).Failure.ShouldBeNull();
            return id;
        }

        Guid first = Draw(1);
        Span<byte> bytes = stackalloc byte[16];
        first.TryWriteBytes(bytes, bigEndian: true, out _).ShouldBeTrue();
        long milliseconds = 0;
        for (int i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        first.Version.ShouldBe(7);
        milliseconds.ShouldBe(start.ToUnixTimeMilliseconds());
        Draw(1).ShouldBe(first);
        Draw(2).ShouldNotBe(first);
        next().ShouldNotBe(next());
    }
}
