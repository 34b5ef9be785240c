namespace SimLoop.Checking;

/// <summary>
/// The sequential specification a history is checked against: a deterministic state machine that, from a state and
/// an operation's input, gives the next state and the output the operation must return. States must be immutable
/// values: the checker keeps earlier states to backtrack, and memoises (linearized operations, state) pairs through
/// <see cref="StateComparer"/>, so equal states must compare equal (records, numbers, strings, or a comparer).
/// </summary>
/// <typeparam name="TState">The model's state (an immutable value).</typeparam>
/// <typeparam name="TInput">An operation's input (what was invoked).</typeparam>
/// <typeparam name="TOutput">An operation's output (what it returned).</typeparam>
public interface ISequentialModel<TState, TInput, TOutput>
{
    /// <summary>The state before any operation.</summary>
    TState InitialState { get; }

    /// <summary>Applies <paramref name="input"/> to <paramref name="state"/>; must not mutate <paramref name="state"/>.</summary>
    /// <param name="state">The state before the operation.</param>
    /// <param name="input">The operation's input.</param>
    /// <returns>The state after the operation and the output a correct sequential system returns.</returns>
    (TState State, TOutput Output) Apply(TState state, TInput input);

    /// <summary>Equality and hashing of states, for memoisation (default: <see cref="EqualityComparer{T}.Default"/>).</summary>
    IEqualityComparer<TState> StateComparer => EqualityComparer<TState>.Default;

    /// <summary>Whether a recorded output matches the model's (default: <see cref="EqualityComparer{T}.Default"/>).</summary>
    IEqualityComparer<TOutput> OutputComparer => EqualityComparer<TOutput>.Default;

    /// <summary>How an operation reads in a counterexample (default: <c>input -&gt; output</c>, <c>-&gt; ?</c> when it never returned).</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>A short text such as <c>write(3) -&gt; ok</c>.</returns>
    string Describe(HistoryOperation<TInput, TOutput> operation) =>
        operation.HasReturned ? $"{operation.Input} -> {operation.Output}" : $"{operation.Input} -> ?";
}
