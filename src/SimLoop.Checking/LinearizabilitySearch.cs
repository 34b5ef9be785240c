namespace SimLoop.Checking;

/// <summary>
/// The search behind <see cref="LinearizabilityChecker"/> (Lowe's just-in-time linearization). The events form a
/// doubly linked list in real-time order; every operation has a return entry (one that never returned gets one
/// after all events, and any output). From the head, a call entry may be linearized if the model gives its
/// recorded output: its call and return entries are lifted out of the list and the search restarts at the head.
/// Reaching a return entry means that operation had to take effect already: backtrack to the last linearized call,
/// put its entries back and try the next call. A (linearized set, state) pair seen before is not explored twice.
/// </summary>
internal sealed class LinearizabilitySearch<TState, TInput, TOutput>
{
    private readonly IReadOnlyList<HistoryOperation<TInput, TOutput>> _ops;
    private readonly ISequentialModel<TState, TInput, TOutput> _model;
    private readonly long _maxSteps;
    private readonly int[] _opOf;        // entry -> operation
    private readonly bool[] _isReturn;   // entry -> is it a return entry
    private readonly int[] _returnOf;    // operation -> its return entry
    private readonly int[] _next;        // entry -> next entry, -1 at the end; index Head is the sentinel
    private readonly int[] _prev;
    private readonly int _head;
    private readonly Dictionary<LinearizedSet, List<TState>> _seen = [];

    public LinearizabilitySearch(History<TInput, TOutput> history, ISequentialModel<TState, TInput, TOutput> model, long maxSteps)
    {
        _ops = history.Operations;
        _model = model;
        _maxSteps = maxSteps;
        var entries = new List<HistoryEvent>(history.Events);
        for (int op = 0; op < _ops.Count; op++)
        {
            if (!_ops[op].HasReturned)
            {
                entries.Add(new HistoryEvent(op, IsReturn: true));
            }
        }

        int count = entries.Count;
        _head = count;
        _opOf = new int[count];
        _isReturn = new bool[count];
        _returnOf = new int[_ops.Count];
        _next = new int[count + 1];
        _prev = new int[count + 1];
        for (int e = 0; e < count; e++)
        {
            _opOf[e] = entries[e].Operation;
            _isReturn[e] = entries[e].IsReturn;
            if (entries[e].IsReturn)
            {
                _returnOf[entries[e].Operation] = e;
            }

            _next[e] = e + 1 < count ? e + 1 : -1;
            _prev[e] = e == 0 ? _head : e - 1;
        }

        _next[_head] = count > 0 ? 0 : -1;
        _prev[_head] = -1;
    }

    public LinearizabilityResult<TInput, TOutput> Run()
    {
        var linearized = new LinearizedSet(_ops.Count);
        var stack = new Stack<(int Entry, TState StateBefore)>();
        TState state = _model.InitialState;
        long steps = 0;
        int bestDepth = -1;
        int[] bestPrefix = [];
        int stuckOp = -1;
        TState bestState = state;

        int entry = _next[_head];
        while (_next[_head] != -1)
        {
            if (!_isReturn[entry])
            {
                if (++steps > _maxSteps)
                {
                    return new(LinearizabilityOutcome.Unknown, [], null, steps - 1, _maxSteps);
                }

                HistoryOperation<TInput, TOutput> op = _ops[_opOf[entry]];
                (TState after, TOutput output) = _model.Apply(state, op.Input);
                if (!op.HasReturned || _model.OutputComparer.Equals(output, op.Output!))
                {
                    LinearizedSet candidate = linearized.With(_opOf[entry]);
                    if (FirstVisit(candidate, after))
                    {
                        stack.Push((entry, state));
                        linearized = candidate;
                        state = after;
                        Lift(entry);
                        entry = _next[_head];
                        continue;
                    }
                }

                entry = _next[entry];
                continue;
            }

            // A return entry: its operation had to be linearized by now.
            if (stack.Count > bestDepth)
            {
                bestDepth = stack.Count;
                bestPrefix = stack.Select(s => _opOf[s.Entry]).Reverse().ToArray();
                stuckOp = _opOf[entry];
                bestState = state;
            }

            if (stack.Count == 0)
            {
                return new(LinearizabilityOutcome.NotLinearizable, [], Counterexample(bestPrefix, stuckOp, bestState), steps, _maxSteps);
            }

            (int undo, TState previous) = stack.Pop();
            linearized = linearized.Without(_opOf[undo]);
            state = previous;
            Unlift(undo);
            entry = _next[undo];
        }

        HistoryOperation<TInput, TOutput>[] order = stack.Reverse().Select(s => _ops[_opOf[s.Entry]]).ToArray();
        return new(LinearizabilityOutcome.Linearizable, order, null, steps, _maxSteps);
    }

    private bool FirstVisit(LinearizedSet set, TState state)
    {
        if (!_seen.TryGetValue(set, out List<TState>? states))
        {
            _seen[set] = [state];
            return true;
        }

        foreach (TState known in states)
        {
            if (_model.StateComparer.Equals(known, state))
            {
                return false;
            }
        }

        states.Add(state);
        return true;
    }

    private LinearizabilityCounterexample<TInput, TOutput> Counterexample(int[] prefix, int stuck, TState state)
    {
        HistoryOperation<TInput, TOutput> op = _ops[stuck];
        string? modelOutput = op.HasReturned ? _model.Apply(state, op.Input).Output?.ToString() ?? "null" : null;
        return new(_ops, prefix.Select(i => _ops[i]).ToArray(), op, state?.ToString() ?? "null", modelOutput, _model.Describe);
    }

    private void Lift(int call)
    {
        int ret = _returnOf[_opOf[call]];
        Unlink(call);
        Unlink(ret);
    }

    private void Unlift(int call)
    {
        int ret = _returnOf[_opOf[call]];
        Relink(ret);
        Relink(call);
    }

    private void Unlink(int e)
    {
        _next[_prev[e]] = _next[e];
        if (_next[e] != -1)
        {
            _prev[_next[e]] = _prev[e];
        }
    }

    private void Relink(int e)
    {
        _next[_prev[e]] = e;
        if (_next[e] != -1)
        {
            _prev[_next[e]] = e;
        }
    }
}
