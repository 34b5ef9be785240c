using System.Net.Sockets;
using Shouldly;
using SimLoop.Exploration;
using SimLoop.Tests.Transports;
using SimLoop.Transports;
using Xunit;

namespace SimLoop.Tests.Loop;

using Simulation = SimLoop.Simulation;

/// <summary>Failures are never lost (issue rules 10-12): one test per rule, named after it.</summary>
public sealed class FailuresAreNeverLostTests
{
    private static readonly ConnectionOptions s_fromClient = TwoHostLoop.FromClient;

    [Fact]
    public void Rule10_AnExceptionInDataReceived_GoesToTheExceptionHandler_AndClosesTheTransportWithIt()
    {
        var loop = TwoHostLoop.Create(new SimulationOptions { FailOnUnhandledException = false });
        var contexts = new List<ExceptionContext>();
        loop.SetExceptionHandler((_, context) => contexts.Add(context));
        var boom = new InvalidOperationException("protocol bug");
        var server = new RecordingProtocol(loop) { OnData = (_, _) => throw boom };
        Exception? lost = loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, client) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            transport.Write("hello"u8);
            Exception? serverLost = await server.Lost;
            Exception? clientLost = await client.Lost;
            clientLost.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionReset);
            return serverLost;
        });

        lost.ShouldBeSameAs(boom);
        contexts.ShouldHaveSingleItem().Exception.ShouldBeSameAs(boom);
        contexts[0].Message.ShouldContain("data_received");
    }

    [Fact]
    public void Rule10_AnExceptionInAProtocolCallback_FailsTheSimulatedRun_WithDefaultOptions()
    {
        SimulationRun run = Simulation.Run(0, async (loop, ct) =>
        {
            TwoHostLoop.AddHosts(loop);
            var server = new RecordingProtocol(loop) { OnData = (_, _) => throw new InvalidOperationException("protocol bug") };
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, client) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            transport.Write("hello"u8);
            await client.Lost;
        });
        run.Failure.ShouldBeOfType<UnhandledLoopException>().InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("protocol bug");
    }

    [Fact]
    public void Rule11_ALoopTaskThatFailsAndThatNothingAwaits_FailsSimulationRun()
    {
        SimulationRun run = Simulation.Run(0, async (loop, ct) =>
        {
            _ = loop.CreateTask(async _ => { await Task.Yield(); throw new InvalidOperationException("nobody awaits me"); }, "orphan");
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
        });
        run.Failure.ShouldBeOfType<UnhandledLoopException>().InnerException!.Message.ShouldBe("nobody awaits me");
    }

    [Fact]
    public void Rule11_ALoopTaskThatFailsAndThatNothingAwaits_FailsExplore()
    {
        var options = new ExplorationOptions { Iterations = 3, FailureFolder = null, HonourEnvironment = false };
        Should.Throw<SimulationFailureException>(() => Simulation.Explore(async (loop, ct) =>
        {
            _ = loop.CreateTask(async _ => { await Task.Yield(); throw new InvalidOperationException("nobody awaits me"); }, "orphan");
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
        }, options)).Message.ShouldContain("nobody awaits me");
    }

    [Fact]
    public void Rule12_ACustomExceptionHandlerThatThrows_ReachesTheDefaultHandler_AndFailsTheRun()
    {
        var loop = new SimulatedEventLoop();
        var handlerError = new InvalidOperationException("handler bug");
        loop.SetExceptionHandler((_, _) => throw handlerError);
        var error = Should.Throw<UnhandledLoopException>(() => loop.RunUntilComplete(async ct =>
        {
            loop.CallSoon(() => throw new FormatException("callback bug"));
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
        }));
        error.Message.ShouldContain("Unhandled error in exception handler");
        error.InnerException.ShouldBeSameAs(handlerError);
    }
}
