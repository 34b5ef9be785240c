using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Storage.Tests.Model;

/// <summary>
/// For random operation sequences on a file with a crash at a random point, what recovery reads agrees with the
/// documented model: the fsynced image with a prefix (whole sectors) of the later writes replayed over it.
/// </summary>
public sealed class CrashModelProperties
{
    private const int Sector = 512;

    [Fact]
    public void Recovery_AfterRandomOperationsAndACrash_AgreesWithTheDocumentedModel()
    {
        Gen<(int Kind, int A, int B)> operation =
            from kind in Gen.Choose(0, 5)
            from a in Gen.Choose(0, 3000)
            from b in Gen.Choose(1, 1200)
            select (kind, a, b);
        Gen<(int Seed, (int Kind, int A, int B)[] Ops, int CrashAt)> cases =
            from seed in Gen.Choose(1, int.MaxValue)
            from ops in operation.ArrayOf()
            from crashAt in Gen.Choose(0, ops.Length)
            select (seed, ops, crashAt);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(cases.ToArbitrary(), c => Holds(c.Seed, c.Ops, c.CrashAt)));
    }

    private static bool Holds(int seed, (int Kind, int A, int B)[] ops, int crashAt)
    {
        var disk = new DiskFixture((ulong)seed, new StorageOptions { SectorSize = Sector });
        disk.WriteDurable("/f", []);
        var durable = new List<byte>();
        var pending = new List<(long Offset, byte[]? Bytes)>();
        var current = new List<byte>();
        using (var stream = disk.FileSystem.File.Open("/f", FileMode.Open, FileAccess.ReadWrite))
        {
            for (int i = 0; i < crashAt; i++)
            {
                (int kind, int a, int b) = ops[i];
                if (kind <= 2)
                {
                    byte[] bytes = Enumerable.Range(0, b).Select(j => (byte)(1 + (i * 31 + j) % 251)).ToArray();
                    stream.Position = a;
                    stream.Write(bytes);
                    Apply(current, a, bytes);
                    for (long at = a; at < a + b;)
                    {
                        long end = Math.Min(a + b, (at / Sector + 1) * Sector);
                        pending.Add((at, bytes[(int)(at - a)..(int)(end - a)]));
                        at = end;
                    }
                }
                else if (kind == 3)
                {
                    stream.SetLength(a);
                    SetLength(current, a);
                    pending.Add((a, null));
                }
                else
                {
                    stream.Flush(flushToDisk: true);
                    durable = [.. current];
                    pending.Clear();
                }
            }
        }

        disk.CrashAndRestart();
        byte[] recovered = disk.FileSystem.File.ReadAllBytes("/f");

        // The model: some prefix of the unsynced pieces, replayed over the fsynced image.
        for (int kept = 0; kept <= pending.Count; kept++)
        {
            var candidate = new List<byte>(durable);
            foreach ((long offset, byte[]? bytes) in pending.Take(kept))
            {
                if (bytes is null)
                {
                    SetLength(candidate, offset);
                }
                else
                {
                    Apply(candidate, offset, bytes);
                }
            }

            if (candidate.SequenceEqual(recovered))
            {
                return NoInventedByte(recovered, durable, pending);
            }
        }

        return false;
    }

    /// <summary>Every byte is the fsynced one, one some unsynced write put there, or the zero of a gap.</summary>
    private static bool NoInventedByte(byte[] recovered, List<byte> durable, List<(long Offset, byte[]? Bytes)> pending)
    {
        for (int i = 0; i < recovered.Length; i++)
        {
            bool explained = recovered[i] == 0 || (i < durable.Count && durable[i] == recovered[i])
                || pending.Any(p => p.Bytes is { } bytes && i >= p.Offset && i < p.Offset + bytes.Length && bytes[i - p.Offset] == recovered[i]);
            if (!explained)
            {
                return false;
            }
        }

        return true;
    }

    private static void Apply(List<byte> contents, long offset, byte[] bytes)
    {
        if (offset > contents.Count)
        {
            SetLength(contents, offset);
        }

        for (int j = 0; j < bytes.Length; j++)
        {
            if (offset + j < contents.Count)
            {
                contents[(int)offset + j] = bytes[j];
            }
            else
            {
                contents.Add(bytes[j]);
            }
        }
    }

    private static void SetLength(List<byte> contents, long length)
    {
        if (length < contents.Count)
        {
            contents.RemoveRange((int)length, contents.Count - (int)length);
        }

        while (contents.Count < length)
        {
            contents.Add(0);
        }
    }
}
