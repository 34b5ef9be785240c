using SimLoop.Networking;
// Runs one seeded simulation (random scheduling, timer jitter and shuffling, the user random stream) and prints
// the seed, the trace hash, a SHA-256 of the full trace text and the decision count. Usage: probe <seed>.
// "probe real-libraries <seed>" runs every RealLibraries case with that seed instead (see RealLibrariesProbe).
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SimLoop;
using SimLoop.Exploration;
using SimLoop.Scheduling;

if (args is ["real-libraries", string realSeed])
{
    return SimLoop.DeterminismProbe.RealLibrariesProbe.Print(ulong.Parse(realSeed, CultureInfo.InvariantCulture));
}

ulong seed = args.Length > 0 ? ulong.Parse(args[0], CultureInfo.InvariantCulture) : 42;
var options = new SimulationOptions
{
    StrategyFactory = _ => new RandomStrategy(SimLoop.Choices.SeedDerivation.Derive(seed, "strategy")),
    TimerJitter = TimeSpan.FromMilliseconds(3),
    ShuffleSimultaneousTimers = true,
};

SimulationRun run = Simulation.Run(seed, async (loop, ct) =>
{
    var shared = new List<int>();
    var tasks = new List<LoopTask>();
    for (int n = 0; n < 6; n++)
    {
        int id = n;
        tasks.Add(loop.CreateTask(async c =>
        {
            for (int i = 0; i < 8; i++)
            {
                shared.Add(id);
                if (loop.Random.Next(3) == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(loop.Random.Next(1, 5)), loop.TimeProvider, c);
                }
                else
                {
                    await Task.Yield();
                }
            }
        }, $"worker{id}"));
    }

    foreach (LoopTask t in tasks)
    {
        await t;
    }
}, options);

string textHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(run.Trace.ToText())));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed={seed} hash={run.Trace.Hash()} text={textHash} decisions={run.Trace.Decisions.Count} failed={run.Failed}"));
return 0;
