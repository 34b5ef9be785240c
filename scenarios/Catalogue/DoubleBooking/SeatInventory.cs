namespace SimLoop.Scenarios.Catalogue.DoubleBooking;

/// <summary>The booking service's in-memory seat map, and its audit log: an asynchronous, in-process append.</summary>
internal sealed class SeatInventory
{
    private readonly Dictionary<string, string> _holders = new(StringComparer.Ordinal);
    private readonly List<string> _audit = new();

    public bool IsFree(string seat) => !_holders.ContainsKey(seat);

    /// <summary>The fix: check and hold in one step, before anything else can run.</summary>
    public bool TryHold(string seat, string client) => _holders.TryAdd(seat, client);

    /// <summary>Commits a booking (overwrites: the caller checked).</summary>
    public void Book(string seat, string client) => _holders[seat] = client;

    /// <summary>Appends an audit record; like a buffered file writer it completes asynchronously (one step later).</summary>
    public async Task AppendAuditAsync(string record)
    {
        await Task.Yield();
        _audit.Add(record);
    }

    public string? HolderOf(string seat) => _holders.GetValueOrDefault(seat);
}
