using Microsoft.Extensions.Logging;
using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>The exception handler and debug mode (asyncio-model.md sections 1 and 2).</summary>
public sealed class BaseEventLoopExceptionHandlerTests
{
    [Fact]
    public void CustomHandler_CallbackThrows_ReceivesContextAndTheLoopGoesOn()
    {
        var loop = new SimulatedEventLoop();
        var contexts = new List<ExceptionContext>();
        var handlerLoops = new List<BaseEventLoop>();
        loop.SetExceptionHandler((l, c) => { handlerLoops.Add(l); contexts.Add(c); });
        var error = new FormatException("boom");
        Handle failing = loop.CallSoon(() => throw error);
        bool after = false;
        loop.CallSoon(() => after = true);
        loop.RunFor(TimeSpan.Zero);
        ExceptionContext context = contexts.ShouldHaveSingleItem();
        context.Message.ShouldStartWith("Exception in callback <Handle");
        context.Exception.ShouldBeSameAs(error);
        context.Handle.ShouldBeSameAs(failing);
        handlerLoops.ShouldBe([loop]);
        after.ShouldBeTrue();
        loop.GetExceptionHandler().ShouldNotBeNull();
    }

    [Fact]
    public void CustomHandler_ThatThrows_GoesToTheDefaultHandler_WhichLogsIt()
    {
        var logger = new CapturingLogger();
        var loop = new TestLoop(logger);
        loop.SetExceptionHandler((_, _) => throw new InvalidCastException("handler broke"));
        loop.CallSoon(() => throw new FormatException("boom"));
        bool after = false;
        loop.CallSoon(() => after = true);
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        after.ShouldBeTrue();
        LogEntry entry = logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Exception.ShouldBeOfType<InvalidCastException>();
        entry.Message.ShouldContain("Unhandled error in exception handler");
    }

    [Fact]
    public void SetExceptionHandler_Null_RestoresTheDefault()
    {
        var logger = new CapturingLogger();
        var loop = new TestLoop(logger);
        loop.SetExceptionHandler((_, _) => { });
        loop.SetExceptionHandler(null);
        loop.GetExceptionHandler().ShouldBeNull();
        loop.CallSoon(() => throw new FormatException("boom"));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        logger.Entries.ShouldHaveSingleItem().Exception.ShouldBeOfType<FormatException>();
    }

    [Fact]
    public void DefaultHandler_OnBaseLoop_LogsTheErrorAndTheLoopGoesOn()
    {
        var logger = new CapturingLogger();
        var loop = new TestLoop(logger);
        loop.CallSoon(() => throw new FormatException("boom"));
        bool after = false;
        loop.CallSoon(() => { after = true; loop.Stop(); });
        loop.RunForever();
        after.ShouldBeTrue();
        LogEntry entry = logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Message.ShouldStartWith("Exception in callback");
        entry.Exception.ShouldBeOfType<FormatException>().Message.ShouldBe("boom");
    }

    [Fact]
    public void DefaultHandler_OnSimulatedLoop_FailsTheRunWithUnhandledLoopException()
    {
        var logger = new CapturingLogger();
        var loop = new SimulatedEventLoop(new SimulationOptions { Logger = logger });
        loop.CallSoon(() => throw new FormatException("boom"));
        var ex = Should.Throw<UnhandledLoopException>(() => loop.RunUntilComplete(async _ => await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider)));
        ex.InnerException.ShouldBeOfType<FormatException>();
        ex.Message.ShouldContain("Exception in callback");
        ex.Message.ShouldContain("boom");
        logger.Entries.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Error);
    }

    [Fact]
    public void DefaultHandler_FailOnUnhandledExceptionOff_OnlyLogs()
    {
        var logger = new CapturingLogger();
        var loop = new SimulatedEventLoop(new SimulationOptions { Logger = logger, FailOnUnhandledException = false });
        loop.CallSoon(() => throw new FormatException("boom"));
        int result = loop.RunUntilComplete(async _ => { await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider); return 1; });
        result.ShouldBe(1);
        logger.Entries.ShouldHaveSingleItem().Exception.ShouldBeOfType<FormatException>();
    }

    [Fact]
    public void CallExceptionHandler_Null_ThrowsArgumentNull()
    {
        Should.Throw<ArgumentNullException>(() => new TestLoop().CallExceptionHandler(null!));
    }

    [Fact]
    public void Debug_CallbackTakingLongerThanSlowCallbackDuration_IsLoggedAsWarning()
    {
        var logger = new CapturingLogger();
        var realTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var loop = new TestLoop(logger) { Debug = true, RealTimeClock = realTime };
        loop.CallSoon(() => realTime.Advance(TimeSpan.FromMilliseconds(200)));
        loop.CallSoon(() => realTime.Advance(TimeSpan.FromMilliseconds(50)));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        LogEntry entry = logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldStartWith("Executing <Handle");
        entry.Message.ShouldEndWith("took 0.200 seconds");
    }

    [Fact]
    public void Debug_Off_SlowCallbackIsNotLogged()
    {
        var logger = new CapturingLogger();
        var loop = new TestLoop(logger);
        loop.CallSoon(() => loop.Advance(TimeSpan.FromSeconds(1)));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        logger.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void SlowCallbackDuration_Negative_ThrowsAndDefaultsToOneTenthSecond()
    {
        var loop = new TestLoop();
        loop.SlowCallbackDuration.ShouldBe(TimeSpan.FromMilliseconds(100));
        Should.Throw<ArgumentOutOfRangeException>(() => loop.SlowCallbackDuration = TimeSpan.FromTicks(-1));
    }
}
