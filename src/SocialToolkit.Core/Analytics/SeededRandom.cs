using System;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// A small, fully specified pseudo-random generator (SplitMix64). System.Random's sequence is an implementation
    /// detail of each runtime; this one gives the same numbers on .NET Framework and .NET, so a seed reproduces a
    /// sample store or a bootstrap interval anywhere.
    /// </summary>
    public sealed class SeededRandom
    {
        private ulong state;

        public SeededRandom(long seed)
        {
            state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        }

        /// <summary>A generator for one of several independent streams derived from a seed (e.g. one per bootstrap replicate).</summary>
        public static SeededRandom ForStream(long seed, long stream) => new SeededRandom(unchecked(seed * 1_000_003L + stream * 7_919L + 17L));

        public ulong NextUInt64()
        {
            unchecked
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        /// <summary>A double in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>An integer in [0, <paramref name="exclusiveMax"/>).</summary>
        public int Next(int exclusiveMax)
        {
            if (exclusiveMax <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
            }

            // Multiply-shift maps 64 random bits onto the range; the bias is below 2^-32, irrelevant here.
            return (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);
        }

        /// <summary>An integer in [<paramref name="min"/>, <paramref name="exclusiveMax"/>).</summary>
        public int Next(int min, int exclusiveMax) => min + Next(exclusiveMax - min);

        public bool Chance(double probability) => NextDouble() < probability;

        /// <summary>1 + a geometric count: 1 with probability 1-p, 2 with p(1-p)..., at most <paramref name="max"/>.</summary>
        public int OneOrMore(double p, int max)
        {
            var n = 1;
            while (n < max && NextDouble() < p)
            {
                n++;
            }

            return n;
        }
    }
}
