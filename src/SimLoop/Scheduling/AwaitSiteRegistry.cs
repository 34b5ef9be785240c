namespace SimLoop.Scheduling;

/// <summary>
/// A small number for every distinct <see cref="AwaitSite"/> (by value), so that a trace stores a step's site as an
/// int rather than an object reference. Shared by every loop and thread-safe; ids are handed out in first-use order and
/// never reach a trace's text, hash or any reader (readers get the site back, equal to the one written). Sites come
/// from code (one per async method start and await), so the registry stays as small as the code.
/// </summary>
internal static class AwaitSiteRegistry
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<(string Method, int Line, bool IsStart), int> s_ids = new();
    private static AwaitSite?[] s_sites = new AwaitSite?[64]; // [0]: no site

    /// <summary>The id of the site equal to <paramref name="site"/>, registering it if it is the first (never 0).</summary>
    public static int Intern(AwaitSite site)
    {
        lock (s_gate)
        {
            if (s_ids.TryGetValue((site.Method, site.Line, site.IsStart), out int id))
            {
                return id;
            }

            id = s_ids.Count + 1;
            AwaitSite?[] sites = s_sites;
            if (id == sites.Length)
            {
                Array.Resize(ref sites, sites.Length * 2);
            }

            sites[id] = site;
            Volatile.Write(ref s_sites, sites);
            s_ids.Add((site.Method, site.Line, site.IsStart), id);
            return id;
        }
    }

    /// <summary>The site of <paramref name="id"/>, or null for 0.</summary>
    public static AwaitSite? At(int id) => id == 0 ? null : Volatile.Read(ref s_sites)[id];
}
