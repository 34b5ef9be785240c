using SimLoop.Rewriting.Diagnostics;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests;

public sealed class AssemblyRewriterTests : IDisposable
{
    private const string Awaits = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        public static class Snippet
        {
            public static async Task<int> PingPongAsync(int rounds)
            {
                var ping = new SemaphoreSlim(0);
                var pong = new SemaphoreSlim(0);
                int hits = 0;
                async Task Ponger()
                {
                    for (int i = 0; i < rounds; i++)
                    {
                        await ping.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                        hits++;
                        pong.Release();
                    }
                }
                Task ponger = Task.Run(Ponger);
                for (int i = 0; i < rounds; i++)
                {
                    ping.Release();
                    await pong.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                await ponger.ConfigureAwait(false);
                return hits;
            }

            public static async ValueTask<DateTime> ValueTaskClockAsync()
            {
                await new ValueTask(Task.Delay(TimeSpan.FromMinutes(2))).ConfigureAwait(false);
                return DateTime.UtcNow;
            }

            public static Func<Guid> GuidFactory() => Guid.NewGuid;
        }
        """;

    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    [Fact]
    public void Rewrite_Snippet_RewrittenCodeRunsOnTheLoopWithoutEscape()
    {
        string input = _compiler.Compile("Awaits", Awaits);
        string output = Path.Combine(_compiler.Directory, "out", "Awaits.dll");

        RewriteResult result = new AssemblyRewriter().Rewrite(input, output);

        result.AlreadyRewritten.ShouldBeFalse();
        result.CallSitesRewritten.ShouldBeGreaterThan(5);
        result.Diagnostics.ShouldBeEmpty();
        File.Exists(Path.ChangeExtension(output, ".pdb")).ShouldBeTrue();
        var assembly = SnippetCompiler.Load(output);
        var pingPong = SnippetCompiler.Method<Func<int, Task<int>>>(assembly, "Snippet", "PingPongAsync");
        var clock = SnippetCompiler.Method<Func<ValueTask<DateTime>>>(assembly, "Snippet", "ValueTaskClockAsync");
        var guids = SnippetCompiler.Method<Func<Func<Guid>>>(assembly, "Snippet", "GuidFactory");
        int hits = 0;
        DateTime at = default;
        Guid[] drawn = new Guid[2];
        var start = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

        SimulationRun run = Simulation.Run(5, async (_, _) =>
        {
            hits = await pingPong(10);
            at = await clock();
            drawn[0] = guids()();
        }, new SimulationOptions { StartTime = start, StrategyFactory = _ => new RandomStrategy(5) });
        SimulationRun again = Simulation.Run(5, async (_, _) => drawn[1] = guids()(), new SimulationOptions { StartTime = start });

        run.Failure.ShouldBeNull();
        again.Failure.ShouldBeNull();
        hits.ShouldBe(10);
        at.ShouldBe(start.UtcDateTime.AddMinutes(2));
        drawn[1].ShouldBe(drawn[0], "a method group to Guid.NewGuid is redirected too");
    }

    [Fact]
    public async Task Rewrite_Snippet_OutsideSimulationBehavesAsBefore()
    {
        string output = Path.Combine(_compiler.Directory, "out", "Awaits.dll");
        new AssemblyRewriter().Rewrite(_compiler.Compile("Awaits", Awaits), output);
        var assembly = SnippetCompiler.Load(output);
        var pingPong = SnippetCompiler.Method<Func<int, Task<int>>>(assembly, "Snippet", "PingPongAsync");
        var guids = SnippetCompiler.Method<Func<Func<Guid>>>(assembly, "Snippet", "GuidFactory");

        (await pingPong(20)).ShouldBe(20);
        guids()().ShouldNotBe(guids()());
    }

    [Fact]
    public void Rewrite_WithPortablePdb_WritesSymbolsThatMatchTheRewrittenAssembly()
    {
        string output = Path.Combine(_compiler.Directory, "out", "Awaits.dll");
        new AssemblyRewriter().Rewrite(_compiler.Compile("Awaits", Awaits), output);

        using var module = Mono.Cecil.ModuleDefinition.ReadModule(output, new Mono.Cecil.ReaderParameters { ReadSymbols = true });
        var points = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.DebugInformation.SequencePoints).ToList();

        points.ShouldNotBeEmpty();
        points.ShouldAllBe(p => p.Document.Url.EndsWith("Awaits.cs"));
    }

    [Fact]
    public void Rewrite_AlreadyRewrittenAssembly_IsCopiedByteForByte()
    {
        string first = Path.Combine(_compiler.Directory, "once", "Awaits.dll");
        string second = Path.Combine(_compiler.Directory, "twice", "Awaits.dll");
        var rewriter = new AssemblyRewriter();
        rewriter.Rewrite(_compiler.Compile("Awaits", Awaits), first);

        RewriteResult again = rewriter.Rewrite(first, second);

        again.AlreadyRewritten.ShouldBeTrue();
        again.CallSitesRewritten.ShouldBe(0);
        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
        AssemblyRewriter.IsRewritten(second).ShouldBeTrue();
    }

    [Fact]
    public void Rewrite_SameInputTwice_GivesIdenticalOutput()
    {
        string input = _compiler.Compile("Awaits", Awaits);
        string a = Path.Combine(_compiler.Directory, "a", "Awaits.dll"), b = Path.Combine(_compiler.Directory, "b", "Awaits.dll");

        new AssemblyRewriter().Rewrite(input, a);
        new AssemblyRewriter().Rewrite(input, b);

        File.ReadAllBytes(b).ShouldBe(File.ReadAllBytes(a));
    }

    [Fact]
    public void Rewrite_InPlace_RewritesTheFileItself()
    {
        string input = _compiler.Compile("Awaits", Awaits);

        new AssemblyRewriter().Rewrite(input, input);

        AssemblyRewriter.IsRewritten(input).ShouldBeTrue();
    }

    [Theory]
    [InlineData("System.Text.Json")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("SimLoop")]
    public void Rewrite_FrameworkOrSimLoopAssembly_RefusesWithTheReason(string name)
    {
        string path = name == "System.Text.Json"
            ? typeof(System.Text.Json.JsonSerializer).Assembly.Location
            : Path.Combine(AppContext.BaseDirectory, name + ".dll");

        var error = Should.Throw<NotSupportedException>(() => new AssemblyRewriter().Rewrite(path, Path.Combine(_compiler.Directory, "x.dll")));

        error.Message.ShouldContain($"'{name}'");
        error.Message.ShouldContain("does not rewrite framework or SimLoop assemblies");
    }

    [Fact]
    public void Rewrite_MissingInput_ThrowsNamingThePath()
    {
        string missing = Path.Combine(_compiler.Directory, "missing.dll");

        Should.Throw<FileNotFoundException>(() => new AssemblyRewriter().Rewrite(missing, missing)).Message.ShouldContain(missing);
    }

    [Fact]
    public void Rewrite_EmptyOutputPath_ThrowsNamingTheArgument()
    {
        Should.Throw<ArgumentException>(() => new AssemblyRewriter().Rewrite("in.dll", "")).ParamName.ShouldBe("outputPath");
    }

    [Fact]
    public void Diagnostic_ToMSBuildLine_IsAWarningNamingCodeAndMethod()
    {
        var diagnostic = new RewriteDiagnostic("SLR001", RewriteSeverity.Warning, "System.Void C::M()", "calls X");

        diagnostic.ToMSBuildLine("/p/a.dll").ShouldBe("/p/a.dll : warning SLR001: System.Void C::M(): calls X");
    }
}
