using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SimLoop.AspNetCore.Server;

/// <summary>
/// The response of one request: status, headers and the OnStarting/OnCompleted callbacks. The body is buffered, so
/// the response starts only when the app is done; the callbacks then run as Kestrel runs them (last registered first).
/// </summary>
internal sealed class BufferedResponseFeature : IHttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = new();
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = new();

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body { get; set; } = Stream.Null;

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started: register OnStarting callbacks before writing the response.");
        }

        _onStarting.Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onCompleted.Add((callback, state));
    }

    /// <summary>Runs the OnStarting callbacks (last first) and marks the response started.</summary>
    public async Task StartAsync()
    {
        for (int i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }

        HasStarted = true;
    }

    /// <summary>Runs the OnCompleted callbacks (last first).</summary>
    public async Task CompleteAsync()
    {
        for (int i = _onCompleted.Count - 1; i >= 0; i--)
        {
            await _onCompleted[i].Callback(_onCompleted[i].State);
        }
    }
}
