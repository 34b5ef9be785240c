namespace SimLoop;

/// <summary>A task that runs its own steps (SimLoop's tasks: in their synchronization context and task scheduler).</summary>
internal interface IStepRunner
{
    BaseEventLoop Loop { get; }

    long Id { get; }

    void RunStep(Handle handle);
}
