using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Reports
{
    /// <summary>Which days the store covers, per network (a covered day with no row for a person means zero for that person).</summary>
    internal sealed class StoreCoverage
    {
        private readonly Dictionary<string, SortedSet<DateTime>> days = new Dictionary<string, SortedSet<DateTime>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SortedSet<string>> sources = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);

        public StoreCoverage(IEnumerable<CoveredDay> covered)
        {
            foreach (var day in covered)
            {
                if (!days.TryGetValue(day.Network, out var set))
                {
                    days[day.Network] = set = new SortedSet<DateTime>();
                    sources[day.Network] = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(day.Day.Date);
                sources[day.Network].Add(day.Source);
            }
        }

        public IReadOnlyList<string> Networks => days.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

        public bool IsEmpty => days.Count == 0;

        public bool Covers(string network) => days.ContainsKey(network);

        /// <summary>Every covered day of a network (empty when none).</summary>
        public IReadOnlyCollection<DateTime> Days(string network) => days.TryGetValue(network, out var set) ? (IReadOnlyCollection<DateTime>)set : Array.Empty<DateTime>();

        public DateTime? FirstDay(IEnumerable<string> networks) => networks.Where(days.ContainsKey).Select(n => (DateTime?)days[n].Min).Min();

        public DateTime? LastDay(IEnumerable<string> networks) => networks.Where(days.ContainsKey).Select(n => (DateTime?)days[n].Max).Max();

        public int DaysCovered(string network, DateTime from, DateTime to) =>
            days.TryGetValue(network, out var set) ? set.GetViewBetween(from.Date, to.Date).Count : 0;

        /// <summary>Days covered by every one of <paramref name="networks"/>.</summary>
        public IEnumerable<DateTime> CoveredByAll(IReadOnlyCollection<string> networks)
        {
            if (networks.Count == 0 || !networks.All(days.ContainsKey))
            {
                return Enumerable.Empty<DateTime>();
            }

            IEnumerable<DateTime> common = days[networks.First()];
            foreach (var network in networks.Skip(1))
            {
                var set = days[network];
                common = common.Where(set.Contains);
            }

            return common.ToList();
        }

        public string Sources(string network) => sources.TryGetValue(network, out var set) ? string.Join(", ", set) : "none";

        /// <summary>Missing days of a period for one network, as compact ranges ("2026-01-03 to 2026-01-05").</summary>
        public IReadOnlyList<string> Gaps(string network, DateTime from, DateTime to)
        {
            days.TryGetValue(network, out var set);
            var ranges = new List<string>();
            DateTime? start = null;
            for (var day = from.Date; day <= to.Date.AddDays(1); day = day.AddDays(1))
            {
                var missing = day <= to.Date && (set == null || !set.Contains(day));
                if (missing && start == null)
                {
                    start = day;
                }
                else if (!missing && start != null)
                {
                    var end = day.AddDays(-1);
                    ranges.Add(end == start.Value ? Date(end) : Date(start.Value) + " to " + Date(end));
                    start = null;
                }
            }

            return ranges;
        }

        public static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
