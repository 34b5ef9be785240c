using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// A simulated loop's observer (see <see cref="ILoopObserver"/>): asks the strategy for each decision (through the
/// run's choice recorder) and passes each point of the run, in a fixed order, to its two collaborators: the
/// <see cref="StepTracer"/>, which writes the trace, and the <see cref="RunTermination"/>, which ends the run.
/// </summary>
internal sealed class SimulationObserver : ILoopObserver
{
    private readonly SimulatedEventLoop _loop;
    private readonly IScheduleStrategy _strategy;
    private readonly StepTracer _tracer;
    private readonly RunTermination _termination;

    /// <summary>Creates the observer of <paramref name="loop"/> over its collaborators.</summary>
    public SimulationObserver(SimulatedEventLoop loop, StepTracer tracer, RunTermination termination)
    {
        _loop = loop;
        _strategy = loop.Strategy;
        _tracer = tracer;
        _termination = termination;
    }

    /// <inheritdoc/>
    public void RunStarting() => _termination.RunStarting();

    /// <inheritdoc/>
    public void RunStopped() => _termination.RunStopped();

    /// <inheritdoc/>
    public int ChooseStep(ReadySet ready)
    {
        int choice = _strategy.NextStep(ready);
        if ((uint)choice >= (uint)ready.Count)
        {
            throw new InvalidOperationException($"Strategy {_strategy.Description} chose step {choice}, but only {ready.Count} steps are ready.");
        }

        choice = _loop.Choices.Pick(choice, ready.Count); // recorded, or replayed from a choice sequence
        _tracer.Decision(choice, ready);
        return choice;
    }

    /// <inheritdoc/>
    public void StepStarting(Handle handle)
    {
        _termination.StepStarting();
        if (handle.Owner is { } owner)
        {
            _tracer.StepEntered(owner, handle);
        }
    }

    /// <inheritdoc/>
    public void TaskEntered(ILoopTask task) => _tracer.TaskEntered(task);

    /// <inheritdoc/>
    public void TaskLeft(ILoopTask task) => _tracer.TaskLeft(task);

    /// <inheritdoc/>
    public void TaskRegistered(ILoopTask task, long id) => _tracer.TaskRegistered(task, id);

    /// <inheritdoc/>
    public void StepCompleted(Handle handle)
    {
        _tracer.StepCompleted(handle);
        _termination.StepCompleted();
    }
}
