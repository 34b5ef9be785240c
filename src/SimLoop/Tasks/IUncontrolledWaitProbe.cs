namespace SimLoop;

/// <summary>A task that can tell whether it waits on work outside the loop's control (see <see cref="AwaitInspector"/>).</summary>
internal interface IUncontrolledWaitProbe
{
    bool AwaitsUncontrolledWork { get; }
}
