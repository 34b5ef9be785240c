namespace SimLoop.Tests.Support;

/// <summary>
/// A task type written outside SimLoop, the way a third party would: it runs plain synchronous steps as loop
/// callbacks and calls the lifetime API itself (register at construction, enter/leave around each step,
/// unregister when it finishes).
/// </summary>
public sealed class ThirdPartyTask : ILoopTask
{
    private readonly BaseEventLoop _loop;
    private readonly Queue<Action> _steps;

    public ThirdPartyTask(BaseEventLoop loop, string name, params Action[] steps)
    {
        _loop = loop;
        Name = name;
        _steps = new Queue<Action>(steps);
        Id = loop.RegisterTask(this);
        loop.CallSoon(RunNextStep);
    }

    public long Id { get; }

    public string Name { get; }

    public bool IsDone { get; private set; }

    public int StepsRun { get; private set; }

    public TaskWait? DescribeWait() => IsDone ? null : new TaskWait(WaitKind.Custom, $"{_steps.Count} steps left");

    public override string ToString() => Name;

    private void RunNextStep()
    {
        Action step = _steps.Dequeue();
        _loop.EnterTask(this);
        try
        {
            step();
            StepsRun++;
        }
        finally
        {
            _loop.LeaveTask(this);
        }

        if (_steps.Count == 0)
        {
            _loop.UnregisterTask(this);
            IsDone = true;
        }
        else
        {
            _loop.CallSoon(RunNextStep);
        }
    }
}
