namespace SimLoop;

/// <summary>A task that runs its own steps (SimLoop's tasks: in their synchronization context and task scheduler).</summary>
internal interface IStepRunner : IRegistryLinks
{
    BaseEventLoop Loop { get; }

    long Id { get; }

    void RunStep(Handle handle);

    /// <summary>The body delegate the task runs; readable until the task's first step ends (the task then keeps only its Task).</summary>
    Delegate Body { get; }

    /// <summary>The task the body returned, once the first step has called it (null before).</summary>
    Task? BodyTask { get; }
}
