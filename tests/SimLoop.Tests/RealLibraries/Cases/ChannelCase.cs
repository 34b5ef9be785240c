using System.Globalization;
using System.Threading.Channels;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// <see cref="Channel{T}"/> producer/consumer: two producers write into a bounded channel (so writers wait too), one
/// consumer drains it with <c>ReadAllAsync</c> and answers each item on the producer's reply channel.
/// </summary>
internal static class ChannelCase
{
    public static RealLibraryCase Case { get; } = new(
        "channel",
        RunAsync,
        "consumed=10 sum=45 p0=[r0,r2,r4,r6,r8] p1=[r1,r3,r5,r7,r9]");

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var service = new ChannelService(loop, capacity: 2);
        LoopTask consumer = loop.CreateTask(service.ServeAsync, "consumer");
        var producers = new List<LoopTask<string>>();
        for (int p = 0; p < 2; p++)
        {
            int id = p;
            producers.Add(loop.CreateTask(async ct =>
            {
                var replies = new List<string>();
                for (int i = 0; i < 5; i++)
                {
                    replies.Add(await service.CallAsync(2 * i + id, ct));
                }

                return string.Join(",", replies);
            }, $"producer {id}"));
        }

        string p0 = await producers[0], p1 = await producers[1];
        service.Complete();
        await consumer;
        return string.Create(CultureInfo.InvariantCulture, $"consumed={service.Consumed} sum={service.Sum} p0=[{p0}] p1=[{p1}]");
    }
}

/// <summary>A request/reply service over channels: requests on a bounded channel read with ReadAllAsync, replies on one channel per request.</summary>
internal sealed class ChannelService(SimulatedEventLoop loop, int capacity)
{
    private readonly Channel<(int Value, Channel<string> Reply)> _requests = Channel.CreateBounded<(int, Channel<string>)>(capacity);

    public int Consumed { get; private set; }

    public int Sum { get; private set; }

    public async Task<string> CallAsync(int value, CancellationToken cancellationToken)
    {
        Channel<string> reply = Channel.CreateBounded<string>(1);
        await _requests.Writer.WriteAsync((value, reply), cancellationToken);
        return await reply.Reader.ReadAsync(cancellationToken);
    }

    public void Complete() => _requests.Writer.Complete();

    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        await foreach ((int value, Channel<string> reply) in _requests.Reader.ReadAllAsync(cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, cancellationToken);
            Consumed++;
            Sum += value;
            reply.Writer.TryWrite(string.Create(CultureInfo.InvariantCulture, $"r{value}"));
        }
    }
}
