using FsCheck;

namespace SimLoop.FsCheck;

/// <summary>
/// One case of <see cref="SimulationProperty.ForAllOperations{TOp}(Gen{TOp[]}, Func{SimulatedEventLoop, TOp[], CancellationToken, Task})"/>:
/// the generated operations (FsCheck shrinks them) and the simulation input their run takes (SimLoop shrinks it).
/// </summary>
/// <typeparam name="TOp">The operation type.</typeparam>
public sealed class OperationsCase<TOp>
{
    internal OperationsCase(TOp[] operations, SimulationInput input)
    {
        Operations = operations;
        Input = input;
    }

    /// <summary>The operations, in the order the body is given them.</summary>
    public IReadOnlyList<TOp> Operations { get; }

    /// <summary>The seed or recorded choice sequence of the run.</summary>
    public SimulationInput Input { get; }

    /// <summary>The operations, comma-separated, as <see cref="object.ToString"/> prints each.</summary>
    public string OperationsText => "[" + string.Join(", ", Operations) + "]";

    /// <inheritdoc/>
    public override string ToString() => $"{Operations.Count} operations {OperationsText}, {Input.Text}";
}
