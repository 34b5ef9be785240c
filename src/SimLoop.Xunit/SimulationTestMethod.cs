using System.Reflection;
using System.Runtime.ExceptionServices;
using SimLoop.Scenarios;

namespace SimLoop.Xunit;

/// <summary>
/// Binds a simulation test method to one run: the simulation parameters (<see cref="SimulatedEventLoop"/>,
/// <see cref="ScenarioContext"/>, <see cref="CancellationToken"/>) get the run's loop and token, the others the data
/// row's values in order.
/// </summary>
internal sealed class SimulationTestMethod
{
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;

    private SimulationTestMethod(MethodInfo method)
    {
        _method = method;
        _parameters = method.GetParameters();
    }

    /// <summary>Why <paramref name="method"/> cannot be a simulation test, or null if it can.</summary>
    public static string? Problem(MethodInfo method, bool takesData)
    {
        if (method.IsGenericMethodDefinition)
        {
            return "Simulation test methods cannot be generic.";
        }

        Type returns = method.ReturnType;
        if (returns != typeof(Task) && returns != typeof(ValueTask) && returns != typeof(void))
        {
            return $"A simulation test method returns Task, ValueTask or void; {method.Name} returns {returns.Name}.";
        }

        if (method.GetCustomAttribute<System.Runtime.CompilerServices.AsyncStateMachineAttribute>() is not null && returns == typeof(void))
        {
            return $"{method.Name} is 'async void': make it 'async Task' so the loop can await it.";
        }

        ParameterInfo[] parameters = method.GetParameters();
        int firstSimulation = Array.FindIndex(parameters, IsSimulationParameter);
        if (!takesData && parameters.Any(p => !IsSimulationParameter(p)))
        {
            return $"[SimulationFact] methods take only SimulatedEventLoop, ScenarioContext and CancellationToken parameters; {method.Name} also takes data: use [SimulationTheory].";
        }

        if (firstSimulation >= 0 && parameters.Skip(firstSimulation).Any(p => !IsSimulationParameter(p)))
        {
            return $"In a [SimulationTheory], the data parameters come first and the SimulatedEventLoop/ScenarioContext/CancellationToken parameters last; reorder the parameters of {method.Name}.";
        }

        return null;
    }

    /// <summary>
    /// <paramref name="displayName"/> without the simulation parameters xunit lists as unknown values
    /// (<c>M(amount: 80, loop: ???)</c> becomes <c>M(amount: 80)</c>).
    /// </summary>
    public static string DisplayNameWithoutSimulationParameters(string displayName, MethodInfo method)
    {
        foreach (ParameterInfo parameter in method.GetParameters().Where(IsSimulationParameter))
        {
            displayName = displayName.Replace($", {parameter.Name}: ???", "", StringComparison.Ordinal).Replace($"{parameter.Name}: ???", "", StringComparison.Ordinal);
        }

        return displayName.EndsWith("()", StringComparison.Ordinal) && !method.GetParameters().Any(p => !IsSimulationParameter(p)) ? displayName[..^2] : displayName;
    }

    public static SimulationTestMethod For(MethodInfo method, bool takesData) =>
        Problem(method, takesData) is { } problem ? throw new InvalidOperationException(problem) : new SimulationTestMethod(method);

    /// <summary>The body of one run: invokes the method on <paramref name="instance"/> with <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data row has a different number of values than the method has data parameters.</exception>
    public Func<SimulatedEventLoop, CancellationToken, Task> Body(object? instance, object?[] data)
    {
        int dataCount = _parameters.Count(p => !IsSimulationParameter(p));
        if (data.Length != dataCount)
        {
            throw new ArgumentException($"{_method.Name} takes {dataCount} data value(s) before its simulation parameters, but the data row has {data.Length}.", nameof(data));
        }

        return (loop, ct) =>
        {
            var arguments = new object?[_parameters.Length];
            for (int i = 0; i < _parameters.Length; i++)
            {
                Type type = _parameters[i].ParameterType;
                arguments[i] = type == typeof(SimulatedEventLoop) ? loop
                    : type == typeof(ScenarioContext) ? new ScenarioContext(loop, fixedVariant: false)
                    : type == typeof(CancellationToken) ? ct
                    : data[i];
            }

            return Invoke(instance, arguments);
        };
    }

    private Task Invoke(object? instance, object?[] arguments)
    {
        object? result;
        try
        {
            result = _method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return result switch
        {
            Task task => task,
            ValueTask valueTask => valueTask.AsTask(),
            _ => Task.CompletedTask,
        };
    }

    private static bool IsSimulationParameter(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(SimulatedEventLoop)
        || parameter.ParameterType == typeof(ScenarioContext)
        || parameter.ParameterType == typeof(CancellationToken);
}
