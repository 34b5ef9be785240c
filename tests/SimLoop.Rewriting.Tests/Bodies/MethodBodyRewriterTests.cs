using SimLoop.Rewriting.Diagnostics;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Bodies;

public sealed class MethodBodyRewriterTests : IDisposable
{
    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    private (RewriteResult Result, System.Reflection.Assembly Assembly) Rewrite(string source)
    {
        string input = _compiler.Compile("Snippet", source);
        string output = Path.Combine(_compiler.Directory, "out", "Snippet.dll");
        RewriteResult result = new AssemblyRewriter().Rewrite(input, output);
        return (result, SnippetCompiler.Load(output));
    }

    [Theory]
    [InlineData("new System.Threading.Thread(() => { })", "System.Threading.Thread::.ctor", "OS thread")]
    [InlineData("System.Threading.Tasks.Parallel.For(0, 2, _ => { })", "System.Threading.Tasks.Parallel::For", "parallel")]
    public void Rewrite_UnsupportedApi_ReportsTheMethodAndTheReason(string expression, string api, string reason)
    {
        (RewriteResult result, _) = Rewrite($"public static class C {{ public static object Make() => {expression}; }}");

        RewriteDiagnostic diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("SLR001");
        diagnostic.Severity.ShouldBe(RewriteSeverity.Warning);
        diagnostic.Method.ShouldBe("System.Object C::Make()");
        diagnostic.Message.ShouldContain(api);
        diagnostic.Message.ShouldContain(reason);
    }

    [Fact]
    public void Rewrite_MethodGroupOfAnInstanceApi_ReportsThatTheDelegateIsNotRedirected()
    {
        (RewriteResult result, _) = Rewrite("""
            using System; using System.Runtime.CompilerServices; using System.Threading.Tasks;
            public static class C { public static Func<bool, ConfiguredTaskAwaitable> Make(Task t) => t.ConfigureAwait; }
            """);

        RewriteDiagnostic diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("SLR002");
        diagnostic.Method.ShouldContain("C::Make");
        diagnostic.Message.ShouldContain("System.Threading.Tasks.Task::ConfigureAwait(System.Boolean)");
    }

    [Fact]
    public void Rewrite_ThreadSleepAndCurrentThread_AreNotReported()
    {
        (RewriteResult result, _) = Rewrite("public static class C { public static int M() { System.Threading.Thread.Sleep(0); return System.Threading.Thread.CurrentThread.ManagedThreadId; } }");

        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Rewrite_RealSocketInsideALoopWithBranches_ThrowsInsideSimulationAndWorksOutside()
    {
        (RewriteResult result, var assembly) = Rewrite("""
            public static class C
            {
                public static int Open(int count)
                {
                    int opened = 0;
                    for (int i = 0; i < count; i++)
                    {
                        try { using var client = new System.Net.Sockets.TcpClient(); opened++; }
                        finally { if (i < 0) opened--; }
                    }
                    return opened;
                }
            }
            """);
        var open = SnippetCompiler.Method<Func<int, int>>(assembly, "C", "Open");
        Exception? inside = null;

        SimulationRun run = Simulation.Run(0, (_, _) =>
        {
            inside = Record.Exception(() => open(3));
            return Task.CompletedTask;
        });

        result.CallSitesRewritten.ShouldBe(2); // the guard, and the `using` Dispose (redirected in case it is a Timer)
        run.Failure.ShouldBeNull();
        inside.ShouldBeOfType<NotSupportedException>().Message.ShouldContain("System.Net.Sockets.TcpClient::.ctor()");
        inside.Message.ShouldContain("OpenConnectionAsync");
        open(3).ShouldBe(3);
    }

    [Fact]
    public void Rewrite_DnsInsideSimulation_Throws()
    {
        (_, var assembly) = Rewrite("public static class C { public static string Name() => System.Net.Dns.GetHostName(); }");
        var name = SnippetCompiler.Method<Func<string>>(assembly, "C", "Name");
        Exception? inside = null;

        Simulation.Run(0, (_, _) => { inside = Record.Exception(() => name()); return Task.CompletedTask; }).Failure.ShouldBeNull();

        inside.ShouldBeOfType<NotSupportedException>().Message.ShouldContain("System.Net.Dns::GetHostName()");
        name().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Rewrite_NullReceiverOfAnInstanceApi_StillThrowsNullReferenceException()
    {
        (_, var assembly) = Rewrite("""
            public static class C
            {
                public static void Start(System.Diagnostics.Stopwatch s) => s.Start();
                public static int Release(System.Threading.SemaphoreSlim s) => s.Release();
                public static void CancelLater(System.Threading.CancellationTokenSource s) => s.CancelAfter(5);
            }
            """);

        Should.Throw<NullReferenceException>(() => SnippetCompiler.Method<Action<System.Diagnostics.Stopwatch?>>(assembly, "C", "Start")(null));
        Should.Throw<NullReferenceException>(() => SnippetCompiler.Method<Func<SemaphoreSlim?, int>>(assembly, "C", "Release")(null));
        Should.Throw<NullReferenceException>(() => SnippetCompiler.Method<Action<CancellationTokenSource?>>(assembly, "C", "CancelLater")(null));
    }
}
