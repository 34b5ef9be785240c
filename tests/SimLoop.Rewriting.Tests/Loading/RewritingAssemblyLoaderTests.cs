using SimLoop.Rewriting.Loading;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Loading;

public sealed class RewritingAssemblyLoaderTests : IDisposable
{
    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    [Fact]
    public void Load_AssemblyAndItsDependency_BothRewrittenIntoTheCacheAndRunOnTheLoop()
    {
        string dependency = _compiler.Compile("Dependency", """
            public static class Clock { public static System.DateTime Now() => System.DateTime.UtcNow; }
            """);
        string main = _compiler.Compile("Main", """
            using System; using System.Threading.Tasks;
            public static class Entry
            {
                public static async Task<TimeSpan> WaitAsync()
                {
                    DateTime before = Clock.Now();
                    await Task.Run(async () => await Task.Delay(TimeSpan.FromSeconds(30)).ConfigureAwait(false)).ConfigureAwait(false);
                    return Clock.Now() - before;
                }
            }
            """, dependency);
        string cache = Path.Combine(_compiler.Directory, "cache");

        var assembly = RewritingAssemblyLoader.Load(main, cache);
        var wait = SnippetCompiler.Method<Func<Task<TimeSpan>>>(assembly, "Entry", "WaitAsync");
        TimeSpan waited = default;
        SimulationRun run = Simulation.Run(0, async (_, _) => waited = await wait());

        run.Failure.ShouldBeNull();
        waited.ShouldBe(TimeSpan.FromSeconds(30));
        assembly.Location.ShouldStartWith(cache);
        AssemblyRewriter.IsRewritten(assembly.Location).ShouldBeTrue();
        string rewrittenDependency = Directory.GetFiles(cache, "Dependency.dll", SearchOption.AllDirectories).ShouldHaveSingleItem();
        AssemblyRewriter.IsRewritten(rewrittenDependency).ShouldBeTrue();
        RewritingAssemblyLoader.Load(main, cache).ShouldBeSameAs(assembly);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingThePath()
    {
        string missing = Path.Combine(_compiler.Directory, "nothing.dll");

        Should.Throw<FileNotFoundException>(() => RewritingAssemblyLoader.Load(missing)).Message.ShouldContain(missing);
    }
}
