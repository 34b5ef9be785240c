using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Storage.Tests.Model;

/// <summary>
/// For random creates, renames, deletes and directory syncs with a crash at a random point, the recovered namespace
/// is the one after some prefix of the changes made since the last directory sync.
/// </summary>
public sealed class NamespaceCrashProperties
{
    private static readonly string[] s_names = ["/a", "/b", "/c"];

    [Fact]
    public void Recovery_AfterRandomNamespaceChangesAndACrash_IsAPrefixOfTheUnsyncedChanges()
    {
        Gen<(int Kind, int X, int Y)> change =
            from kind in Gen.Choose(0, 3)
            from x in Gen.Choose(0, 2)
            from y in Gen.Choose(0, 2)
            select (kind, x, y);
        Gen<(int Seed, (int Kind, int X, int Y)[] Ops)> cases =
            from seed in Gen.Choose(1, int.MaxValue)
            from ops in change.ArrayOf()
            select (seed, ops);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(cases.ToArbitrary(), c => Holds(c.Seed, c.Ops)));
    }

    private static bool Holds(int seed, (int Kind, int X, int Y)[] ops)
    {
        var disk = new DiskFixture((ulong)seed);
        var current = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var candidates = new List<SortedDictionary<string, string>> { new(current) };
        for (int i = 0; i < ops.Length; i++)
        {
            (int kind, int x, int y) = ops[i];
            string from = s_names[x], to = s_names[y];
            if (kind == 0 && !current.ContainsKey(from))
            {
                using (var stream = disk.FileSystem.File.Open(from, FileMode.CreateNew, FileAccess.ReadWrite))
                {
                    stream.Write(Encoding.UTF8.GetBytes($"node-{i}"));
                    stream.Flush(flushToDisk: true);
                }

                current[from] = $"node-{i}";
            }
            else if (kind == 1 && current.ContainsKey(from) && from != to)
            {
                disk.FileSystem.File.Move(from, to, overwrite: true);
                current[to] = current[from];
                current.Remove(from);
            }
            else if (kind == 2 && current.ContainsKey(from))
            {
                disk.FileSystem.File.Delete(from);
                current.Remove(from);
            }
            else if (kind == 3)
            {
                disk.FileSystem.SyncDirectory("/");
                candidates.Clear();
            }
            else
            {
                continue;
            }

            candidates.Add(new SortedDictionary<string, string>(current));
        }

        disk.CrashAndRestart();
        var recovered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in disk.FileSystem.Directory.GetFiles("/"))
        {
            recovered[name] = disk.FileSystem.File.ReadAllText(name);
        }

        return candidates.Any(c => c.SequenceEqual(recovered));
    }
}
