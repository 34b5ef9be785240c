using SimLoop.Checking;

namespace SimLoop.Checking.Tests.Models;

/// <summary>A register operation: <c>write(v)</c> or <c>read()</c>.</summary>
public sealed record RegisterInput(bool IsWrite, int Value)
{
    public static RegisterInput Write(int value) => new(true, value);

    public static RegisterInput Read() => new(false, 0);

    public override string ToString() => IsWrite ? $"write({Value})" : "read()";
}

/// <summary>The sequential register: writes return 0 ("ok"), reads return the last value written (initially 0).</summary>
public static class Register
{
    // README-BEGIN register-model
    public static readonly ISequentialModel<int, RegisterInput, int> Model = SequentialModel.Create<int, RegisterInput, int>(
        initialState: 0,
        apply: (value, input) => input.IsWrite ? (input.Value, 0) : (value, value),
        describe: op => op.Input.IsWrite ? $"{op.Input} -> {(op.HasReturned ? "ok" : "?")}" : $"{op.Input} -> {(op.HasReturned ? op.Output : "?")}");
    // README-END register-model

    public static HistoryOperation<RegisterInput, int> Write(int process, int value, int callMs, int? returnMs) =>
        Op(process, RegisterInput.Write(value), 0, callMs, returnMs);

    public static HistoryOperation<RegisterInput, int> Read(int process, int result, int callMs, int? returnMs) =>
        Op(process, RegisterInput.Read(), result, callMs, returnMs);

    private static HistoryOperation<RegisterInput, int> Op(int process, RegisterInput input, int output, int callMs, int? returnMs) =>
        returnMs is { } r
            ? new(process, input, TimeSpan.FromMilliseconds(callMs), output, TimeSpan.FromMilliseconds(r))
            : new(process, input, TimeSpan.FromMilliseconds(callMs));
}
