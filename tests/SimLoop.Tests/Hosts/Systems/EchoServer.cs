namespace SimLoop.Tests.Hosts.Systems;

/// <summary>An echo server written against plain <see cref="Stream"/>: it knows nothing of the simulation.</summary>
internal static class EchoServer
{
    public static async Task HandleAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Sends each message and reads its echo back; returns what came back.</summary>
    public static async Task<List<string>> RunClientAsync(Stream stream, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        var echoed = new List<string>();
        foreach (string message in messages)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(message);
            await stream.WriteAsync(bytes, cancellationToken);
            byte[] back = new byte[bytes.Length];
            await stream.ReadExactlyAsync(back, cancellationToken);
            echoed.Add(System.Text.Encoding.UTF8.GetString(back));
        }

        return echoed;
    }
}
