namespace SimLoop.Checking;

/// <summary>Builds an <see cref="ISequentialModel{TState, TInput, TOutput}"/> from delegates.</summary>
public static class SequentialModel
{
    /// <summary>A model whose <see cref="ISequentialModel{TState, TInput, TOutput}.Apply"/> is <paramref name="apply"/>.</summary>
    /// <typeparam name="TState">The model's state (an immutable value).</typeparam>
    /// <typeparam name="TInput">An operation's input.</typeparam>
    /// <typeparam name="TOutput">An operation's output.</typeparam>
    /// <param name="initialState">The state before any operation.</param>
    /// <param name="apply">The next state and the expected output; must not mutate its state argument.</param>
    /// <param name="stateComparer">State equality for memoisation, or null for the default.</param>
    /// <param name="outputComparer">Output equality, or null for the default.</param>
    /// <param name="describe">How an operation reads in a counterexample, or null for <c>input -&gt; output</c>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="apply"/> is null.</exception>
    public static ISequentialModel<TState, TInput, TOutput> Create<TState, TInput, TOutput>(
        TState initialState,
        Func<TState, TInput, (TState State, TOutput Output)> apply,
        IEqualityComparer<TState>? stateComparer = null,
        IEqualityComparer<TOutput>? outputComparer = null,
        Func<HistoryOperation<TInput, TOutput>, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return new DelegateModel<TState, TInput, TOutput>(
            initialState, apply, stateComparer ?? EqualityComparer<TState>.Default, outputComparer ?? EqualityComparer<TOutput>.Default, describe);
    }

    private sealed class DelegateModel<TState, TInput, TOutput>(
        TState initialState,
        Func<TState, TInput, (TState State, TOutput Output)> apply,
        IEqualityComparer<TState> stateComparer,
        IEqualityComparer<TOutput> outputComparer,
        Func<HistoryOperation<TInput, TOutput>, string>? describe) : ISequentialModel<TState, TInput, TOutput>
    {
        public TState InitialState => initialState;

        public IEqualityComparer<TState> StateComparer => stateComparer;

        public IEqualityComparer<TOutput> OutputComparer => outputComparer;

        public (TState State, TOutput Output) Apply(TState state, TInput input) => apply(state, input);

        public string Describe(HistoryOperation<TInput, TOutput> operation) =>
            describe?.Invoke(operation) ?? (operation.HasReturned ? $"{operation.Input} -> {operation.Output}" : $"{operation.Input} -> ?");
    }
}
