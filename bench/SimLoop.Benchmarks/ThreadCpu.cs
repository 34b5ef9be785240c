using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SimLoop.Benchmarks;

/// <summary>
/// CPU time of the calling thread: on Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, which counts only the time
/// this thread ran on a core (not the time it waited for one, nor other threads' work); elsewhere the process's CPU time.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Which clock <see cref="NowNs"/> reads.</summary>
    public static string Source => OperatingSystem.IsLinux() ? "thread CPU clock" : "process CPU time";

    /// <summary>The calling thread's CPU time so far, in nanoseconds.</summary>
    public static long NowNs()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out TimeSpec now) == 0)
        {
            return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.Ticks * 100;
    }

#pragma warning disable SYSLIB1054 // DllImport needs no unsafe code in the bench project.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
