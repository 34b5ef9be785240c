using System.Runtime.CompilerServices;

namespace SimLoop.Interception;

/// <summary>
/// What the shims keep per simulated loop: the random streams of rewritten code. Attached to the loop weakly, so a
/// finished run leaves nothing behind; each loop has its own, so parallel exploration in one process stays isolated.
/// </summary>
internal sealed class LoopInterceptionState
{
    private static readonly ConditionalWeakTable<SimulatedEventLoop, LoopInterceptionState> s_states = new();

    private readonly SimulatedEventLoop _loop;
    private long _randomsCreated;

    private LoopInterceptionState(SimulatedEventLoop loop)
    {
        Guids = loop.GetRandom(InterceptionConcerns.Guid);
        _loop = loop;
        SharedRandom = loop.GetRandom(InterceptionConcerns.SharedRandom);
    }

    /// <summary>The stream <c>Guid.NewGuid()</c> draws from.</summary>
    public Random Guids { get; }

    /// <summary>
    /// The generator of the next <c>new Random()</c>: a recorded stream of its own, <c>user.random#n</c> for the n-th
    /// instance (from 0, in creation order), so its draws are choices of the run like any other.
    /// </summary>
    public Random CreateRandom() => _loop.GetRandom($"{InterceptionConcerns.Random}#{_randomsCreated++}");

    /// <summary>What <c>Random.Shared</c> is inside this loop.</summary>
    public Random SharedRandom { get; }

    /// <summary>The state of <paramref name="loop"/>, created on first use.</summary>
    /// <param name="loop">The loop.</param>
    public static LoopInterceptionState Of(SimulatedEventLoop loop) => s_states.GetValue(loop, static l => new LoopInterceptionState(l));
}
