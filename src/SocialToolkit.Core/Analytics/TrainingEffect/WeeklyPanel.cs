using System;
using System.Collections.Generic;
using System.Linq;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// Everyone's activity by calendar week (Monday to Sunday): active days (0–7) and posts (winsorised), with whether
    /// the person-week can be used at all — every day covered by the store and the person staff on every day of it
    /// (<see cref="ReportPerson.IsStaffOn"/>). Weeks, not days, so that the comparison lines up whole weekly rhythms.
    /// </summary>
    internal sealed class WeeklyPanel
    {
        private readonly byte[] active;
        private readonly int[] posts;
        private readonly bool[] usable;
        private readonly byte[][] networkActive;

        private WeeklyPanel(DateTime firstMonday, int weeks, bool[] weekCovered, int people, byte[] active, int[] posts, bool[] usable, int postsCap, byte[][] networkActive)
        {
            this.networkActive = networkActive;
            FirstMonday = firstMonday;
            Weeks = weeks;
            WeekCovered = weekCovered;
            People = people;
            this.active = active;
            this.posts = posts;
            this.usable = usable;
            PostsCap = postsCap;
        }

        public DateTime FirstMonday { get; }

        public int Weeks { get; }

        public IReadOnlyList<bool> WeekCovered { get; }

        public int People { get; }

        /// <summary>The 99th percentile of posts per usable person-week: posts above it count as this many.</summary>
        public int PostsCap { get; }

        public int WeekOf(DateTime day) => (int)Math.Floor((day.Date - FirstMonday).TotalDays / 7.0);

        public bool Usable(int person, int week) => week >= 0 && week < Weeks && usable[person * Weeks + week];

        public int Active(int person, int week) => active[person * Weeks + week];

        public int Posts(int person, int week) => Math.Min(PostsCap, posts[person * Weeks + week]);

        /// <summary>Usable on every week from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public bool UsableRange(int person, int from, int to)
        {
            if (from < 0 || to >= Weeks)
            {
                return false;
            }

            for (var t = from; t <= to; t++)
            {
                if (!usable[person * Weeks + t])
                {
                    return false;
                }
            }

            return true;
        }

        public bool CoveredRange(int from, int to)
        {
            if (from < 0 || to >= Weeks)
            {
                return false;
            }

            for (var t = from; t <= to; t++)
            {
                if (!WeekCovered[t])
                {
                    return false;
                }
            }

            return true;
        }

        public double MeanActive(int person, int from, int to)
        {
            var sum = 0;
            for (var t = from; t <= to; t++)
            {
                sum += active[person * Weeks + t];
            }

            return sum / (double)(to - from + 1);
        }

        /// <summary>Mean active days per week on one network (index into the networks the panel was built with).</summary>
        public double MeanActiveOn(int network, int person, int from, int to)
        {
            var counts = networkActive[network];
            var sum = 0;
            for (var t = from; t <= to; t++)
            {
                sum += counts[person * Weeks + t];
            }

            return sum / (double)(to - from + 1);
        }

        public double MeanPosts(int person, int from, int to)
        {
            long sum = 0;
            for (var t = from; t <= to; t++)
            {
                sum += Math.Min(PostsCap, posts[person * Weeks + t]);
            }

            return sum / (double)(to - from + 1);
        }

        /// <param name="people">In index order.</param>
        /// <param name="coveredDays">Days every network is stored for.</param>
        /// <param name="contributions">
        /// (person index, day, posts, network index or −1 when unknown); a day may repeat (one row per network) and counts
        /// once in the merged figures.
        /// </param>
        /// <param name="networks">How many network indexes the rows use.</param>
        public static WeeklyPanel Build(IReadOnlyList<ReportPerson> people, IReadOnlyCollection<DateTime> coveredDays, IEnumerable<(int Person, DateTime Day, int Posts, int Network)> contributions, int networks)
        {
            if (coveredDays.Count == 0)
            {
                return new WeeklyPanel(DateTime.MinValue, 0, Array.Empty<bool>(), people.Count, Array.Empty<byte>(), Array.Empty<int>(), Array.Empty<bool>(), 0, Array.Empty<byte[]>());
            }

            var first = coveredDays.Min();
            var last = coveredDays.Max();
            var firstMonday = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
            var weeks = (int)((last - firstMonday).TotalDays / 7) + 1;
            var coveredCount = new int[weeks];
            foreach (var day in coveredDays)
            {
                coveredCount[(int)((day - firstMonday).TotalDays / 7)]++;
            }

            var weekCovered = coveredCount.Select(c => c == 7).ToArray();
            var n = people.Count;
            var active = new byte[(long)n * weeks];
            var posts = new int[(long)n * weeks];
            var spanDays = weeks * 7;
            var seen = new ulong[((long)n * spanDays + 63) / 64];
            var networkActive = Enumerable.Range(0, networks).Select(_ => new byte[(long)n * weeks]).ToArray();
            var networkSeen = Enumerable.Range(0, networks).Select(_ => new ulong[((long)n * spanDays + 63) / 64]).ToArray();
            foreach (var (person, day, count, network) in contributions)
            {
                var offset = (int)(day.Date - firstMonday).TotalDays;
                if (offset < 0 || offset >= spanDays)
                {
                    continue;
                }

                var bit = (long)person * spanDays + offset;
                var cell = person * weeks + offset / 7;
                posts[cell] += count;
                if ((seen[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
                {
                    seen[bit >> 6] |= 1UL << (int)(bit & 63);
                    active[cell]++;
                }

                if (network >= 0 && (networkSeen[network][bit >> 6] & (1UL << (int)(bit & 63))) == 0)
                {
                    networkSeen[network][bit >> 6] |= 1UL << (int)(bit & 63);
                    networkActive[network][cell]++;
                }
            }

            var usable = new bool[(long)n * weeks];
            var histogram = new long[1025];
            long usableCount = 0;
            for (var p = 0; p < n; p++)
            {
                var person = people[p];
                if (!StaffAccount.IsStaff(person.UserType))
                {
                    continue;
                }

                for (var t = 0; t < weeks; t++)
                {
                    if (!weekCovered[t])
                    {
                        continue;
                    }

                    var monday = firstMonday.AddDays(7 * t);
                    var staff = true;
                    for (var d = 0; d < 7 && staff; d++)
                    {
                        staff = person.IsStaffOn(monday.AddDays(d));
                    }

                    if (staff)
                    {
                        usable[p * weeks + t] = true;
                        histogram[Math.Min(1024, posts[p * weeks + t])]++;
                        usableCount++;
                    }
                }
            }

            var cap = int.MaxValue;
            if (usableCount > 0)
            {
                var rank = (long)Math.Ceiling(0.99 * usableCount);
                long cumulative = 0;
                for (var v = 0; v < histogram.Length; v++)
                {
                    cumulative += histogram[v];
                    if (cumulative >= rank)
                    {
                        cap = v == 1024 ? int.MaxValue : Math.Max(1, v);
                        break;
                    }
                }
            }

            return new WeeklyPanel(firstMonday, weeks, weekCovered, n, active, posts, usable, cap, networkActive);
        }
    }
}
