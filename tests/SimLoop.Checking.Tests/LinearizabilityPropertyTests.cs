using FsCheck;
using FsCheck.Fluent;
using SimLoop.Checking.Tests.Models;
using Xunit;

namespace SimLoop.Checking.Tests;

public sealed class LinearizabilityPropertyTests
{
    /// <summary>
    /// Per process, a list of operations of 6 numbers each: write?, value, gap before the call, call to effect,
    /// effect to return, and (for the last operation only) 0 = returned, 1 = pending with effect, 2 = pending without.
    /// </summary>
    private static readonly Arbitrary<int[][][]> s_programs =
        Gen.Choose(0, 9).ArrayOf(6).ListOf().Select(ops => ops.Take(6).ToArray())
            .ListOf().Select(processes => processes.Take(4).ToArray())
            .ToArbitrary();

    [Fact]
    public void Check_HistoriesOfARealAtomicRegister_AreLinearizable()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(s_programs, program =>
        {
            History<RegisterInput, int> history = SimulateAtomicRegister(program);
            LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model);
            return result.IsLinearizable.Label(result.ToString());
        }));
    }

    [Fact]
    public void Check_AtomicRegisterHistoryWithOneReadCorrupted_IsCaughtWhenNoOrderExplainsIt()
    {
        // Sanity check of the generator's power: a read of a value nobody wrote can never be linearized.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(s_programs, program =>
        {
            History<RegisterInput, int> history = SimulateAtomicRegister(program);
            int read = history.Operations.ToList().FindIndex(o => !o.Input.IsWrite && o.HasReturned);
            if (read < 0)
            {
                return true.Label("no read");
            }

            HistoryOperation<RegisterInput, int>[] ops = history.Operations.ToArray();
            HistoryOperation<RegisterInput, int> r = ops[read];
            ops[read] = new(r.Process, r.Input, r.CallTime, 99, r.ReturnTime!.Value);
            return (LinearizabilityChecker.Check(new History<RegisterInput, int>(ops), Register.Model).Outcome == LinearizabilityOutcome.NotLinearizable).Label("corrupted read accepted");
        }));
    }

    /// <summary>
    /// Runs a real atomic register: every operation takes effect at one instant inside its interval (a pending one
    /// at its instant, or never), in instant order; outputs are what the register returned at that instant.
    /// </summary>
    internal static History<RegisterInput, int> SimulateAtomicRegister(int[][][] program)
    {
        var planned = new List<(int Process, RegisterInput Input, int Call, int Effect, int Return, int Pending)>();
        for (int p = 0; p < program.Length; p++)
        {
            int time = 0;
            for (int k = 0; k < program[p].Length; k++)
            {
                int[] g = program[p][k];
                int call = time + g[2];
                int effect = call + g[3];
                int ret = effect + g[4];
                bool last = k == program[p].Length - 1;
                planned.Add((p, g[0] % 2 == 0 ? RegisterInput.Write(g[1]) : RegisterInput.Read(), call, effect, ret, last ? g[5] % 3 : 0));
                time = ret + 1;
            }
        }

        var outputs = new int[planned.Count];
        int value = 0;
        foreach (int i in Enumerable.Range(0, planned.Count).OrderBy(i => planned[i].Effect).ThenBy(i => planned[i].Process))
        {
            if (planned[i].Pending == 2)
            {
                continue;
            }

            outputs[i] = planned[i].Input.IsWrite ? 0 : value;
            value = planned[i].Input.IsWrite ? planned[i].Input.Value : value;
        }

        return new History<RegisterInput, int>(planned.Select((o, i) => o.Pending == 0
            ? new HistoryOperation<RegisterInput, int>(o.Process, o.Input, TimeSpan.FromMilliseconds(o.Call), outputs[i], TimeSpan.FromMilliseconds(o.Return))
            : new HistoryOperation<RegisterInput, int>(o.Process, o.Input, TimeSpan.FromMilliseconds(o.Call))));
    }
}
