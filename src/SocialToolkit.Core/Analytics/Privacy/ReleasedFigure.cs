using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace SocialToolkit.Core.Analytics.Privacy
{
    /// <summary>A population whose figures a workbook published (directly, or as a total minus the shown rows), in its frame.</summary>
    public sealed class ReleasedFigure
    {
        public ReleasedFigure(ReleaseFrame frame, IReadOnlyList<long> members)
        {
            Frame = frame;
            Members = Population.Sorted(members);
        }

        public ReleaseFrame Frame { get; }

        /// <summary>Store ids of the people the figures are about, ascending, without repeats.</summary>
        public long[] Members { get; }
    }

    /// <summary>Sorted sets of person ids: the one representation the privacy rules compare.</summary>
    public static class Population
    {
        public static long[] Sorted(IEnumerable<long> members)
        {
            var array = members as long[] ?? members.ToArray();
            for (var i = 1; i < array.Length; i++)
            {
                if (array[i] <= array[i - 1])
                {
                    return array.Distinct().OrderBy(m => m).ToArray();
                }
            }

            return array;
        }

        /// <summary>How many people two sorted populations share.</summary>
        public static int Overlap(long[] a, long[] b)
        {
            int i = 0, j = 0, shared = 0;
            while (i < a.Length && j < b.Length)
            {
                if (a[i] == b[j])
                {
                    shared++;
                    i++;
                    j++;
                }
                else if (a[i] < b[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return shared;
        }

        /// <summary>The people two sorted populations share.</summary>
        public static IEnumerable<long> Shared(long[] a, long[] b)
        {
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (a[i] == b[j])
                {
                    yield return a[i];
                    i++;
                    j++;
                }
                else if (a[i] < b[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }
        }

        /// <summary>A compact encoding (differences between successive ids, as variable-length integers).</summary>
        public static byte[] Encode(long[] sorted)
        {
            using var stream = new MemoryStream(sorted.Length * 2 + 4);
            long previous = 0;
            foreach (var id in sorted)
            {
                var delta = (ulong)(id - previous);
                previous = id;
                while (delta >= 0x80)
                {
                    stream.WriteByte((byte)(delta | 0x80));
                    delta >>= 7;
                }

                stream.WriteByte((byte)delta);
            }

            return stream.ToArray();
        }

        public static long[] Decode(byte[] encoded)
        {
            var members = new List<long>(encoded.Length);
            long previous = 0;
            ulong delta = 0;
            var shift = 0;
            foreach (var b in encoded)
            {
                delta |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) != 0)
                {
                    shift += 7;
                    continue;
                }

                previous += (long)delta;
                members.Add(previous);
                delta = 0;
                shift = 0;
            }

            return members.ToArray();
        }

        /// <summary>SHA-256 of the encoding: one stored copy per distinct population.</summary>
        public static byte[] Fingerprint(byte[] encoded)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(encoded);
        }
    }
}
