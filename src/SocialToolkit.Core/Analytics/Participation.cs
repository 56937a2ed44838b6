using System;
using System.Collections.Generic;
using System.Linq;

namespace SocialToolkit.Core.Analytics
{
    public sealed class ParticipationOptions
    {
        public DateTime From { get; set; }

        public DateTime To { get; set; }

        public ReportGroupBy GroupBy { get; set; } = ReportGroupBy.Department;

        /// <summary>Networks counted; empty means all.</summary>
        public IReadOnlyList<string> Networks { get; set; } = Array.Empty<string>();

        public int MinimumGroupSize { get; set; } = 5;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }
    }

    /// <summary>The figures of one population (the whole scope, a group, a network).</summary>
    public sealed class ParticipationFigures
    {
        public int Headcount { get; set; }

        public int ActiveContributors { get; set; }

        /// <summary>Active contributors / headcount; null when the headcount is 0.</summary>
        public double? ParticipationRate => Headcount == 0 ? (double?)null : (double)ActiveContributors / Headcount;

        public int Engaged { get; set; }

        public double? EngagementRate => Headcount == 0 ? (double?)null : (double)Engaged / Headcount;

        public long Posts { get; set; }

        public long Replies { get; set; }

        public long Reactions { get; set; }

        public long Reads { get; set; }

        public long Shares { get; set; }

        public double? PostsPerHead => Headcount == 0 ? (double?)null : (double)Posts / Headcount;
    }

    /// <summary>A row of a "By group" table. <see cref="Figures"/> is null when the row is suppressed.</summary>
    public sealed class GroupParticipation
    {
        public string Group { get; set; } = string.Empty;

        public ParticipationFigures? Figures { get; set; }

        public SuppressionReason Suppression { get; set; }

        public string Note { get; set; } = string.Empty;
    }

    public sealed class WeeklyParticipation
    {
        /// <summary>ISO week, e.g. 2026-W47.</summary>
        public string Week { get; set; } = string.Empty;

        public DateTime WeekStart { get; set; }

        /// <summary>Days of this week inside the period (the first and last weeks can be partial).</summary>
        public int DaysInPeriod { get; set; }

        /// <summary>Null when the whole scope is below the minimum group size.</summary>
        public int? ActiveContributors { get; set; }

        public double? ParticipationRate { get; set; }

        public int? Engaged { get; set; }

        public long? Posts { get; set; }

        public long? Replies { get; set; }

        public string Note { get; set; } = string.Empty;
    }

    public sealed class NetworkParticipation
    {
        public string Network { get; set; } = string.Empty;

        /// <summary>In-scope people with any activity on this network; null when suppressed.</summary>
        public int? Engaged { get; set; }

        public int? ActiveContributors { get; set; }

        /// <summary>Active contributors on this network / the scope's headcount.</summary>
        public double? ParticipationRate { get; set; }

        public long? Posts { get; set; }

        public long? Replies { get; set; }

        public long? Reactions { get; set; }

        public long? Reads { get; set; }

        public long? Shares { get; set; }

        /// <summary>Days of the period the store covers for this network.</summary>
        public int DaysCovered { get; set; }

        public SuppressionReason Suppression { get; set; }

        public string Note { get; set; } = string.Empty;
    }

    /// <summary>One person's figures (only with -IncludeIndividuals).</summary>
    public sealed class PersonParticipation
    {
        /// <summary>Pseudonym, or the display name with -IncludeNames.</summary>
        public string Person { get; set; } = string.Empty;

        /// <summary>The department, or a generalised label when the department is a suppressed small group.</summary>
        public string Department { get; set; } = string.Empty;

        public string Group { get; set; } = string.Empty;

        public int ActiveDays { get; set; }

        public int EngagedDays { get; set; }

        public int Posts { get; set; }

        public int Replies { get; set; }

        public int Reactions { get; set; }

        public int Reads { get; set; }

        public int Shares { get; set; }

        public bool ActiveContributor => ActiveDays > 0;

        /// <summary>Networks the person used in the period, comma-separated.</summary>
        public string Networks { get; set; } = string.Empty;
    }

    public sealed class ParticipationResult
    {
        public ParticipationOptions Options { get; set; } = new ParticipationOptions();

        /// <summary>The whole scope; null when it is below the minimum group size.</summary>
        public ParticipationFigures? Total { get; set; }

        public int Headcount { get; set; }

        public IReadOnlyList<GroupParticipation> Groups { get; set; } = Array.Empty<GroupParticipation>();

        public IReadOnlyList<WeeklyParticipation> Weeks { get; set; } = Array.Empty<WeeklyParticipation>();

        public IReadOnlyList<NetworkParticipation> Networks { get; set; } = Array.Empty<NetworkParticipation>();

        public IReadOnlyList<PersonParticipation> People { get; set; } = Array.Empty<PersonParticipation>();

        public int SuppressedGroups => Groups.Count(g => g.Figures == null);
    }

    /// <summary>
    /// Participation over a period. Feed it the people (any order) and the stored activity rows of the period (any order,
    /// streamed: only small per-person bit sets and counters are kept), then <see cref="Build"/>. Figures follow the
    /// definitions: headcount = enabled people employed at the period's end; active contributor = at least one post or
    /// reply on any counted network; engaged = any activity.
    /// </summary>
    public sealed class ParticipationCalculator
    {
        private readonly ParticipationOptions options;
        private readonly int days;
        private readonly int words;
        private readonly Dictionary<long, int> indexById = new Dictionary<long, int>();
        private readonly List<ReportPerson> people = new List<ReportPerson>();
        private readonly HashSet<string>? networkFilter;
        private readonly Dictionary<string, int> networkIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> networkNames = new List<string>();
        private readonly List<NetworkTotals> networkTotals = new List<NetworkTotals>();
        private ulong[] contributed = Array.Empty<ulong>();
        private ulong[] engaged = Array.Empty<ulong>();
        private PersonTotals[] totals = Array.Empty<PersonTotals>();
        private long[] postsByDay;
        private long[] repliesByDay;
        private bool sealedPeople;

        public ParticipationCalculator(ParticipationOptions options)
        {
            if (options.To < options.From)
            {
                throw new ArgumentException("The period ends before it starts.", nameof(options));
            }

            this.options = options;
            days = (int)(options.To.Date - options.From.Date).TotalDays + 1;
            words = (days + 63) / 64;
            postsByDay = new long[days];
            repliesByDay = new long[days];
            networkFilter = options.Networks.Count == 0 ? null : new HashSet<string>(options.Networks, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Adds a person; only people in the headcount at the period's end are kept.</summary>
        public void AddPerson(ReportPerson person)
        {
            if (sealedPeople)
            {
                throw new InvalidOperationException("Add every person before the first activity row.");
            }

            if (!person.InHeadcountAt(options.To) || indexById.ContainsKey(person.Id))
            {
                return;
            }

            indexById[person.Id] = people.Count;
            people.Add(person);
        }

        /// <summary>Adds one stored activity row (a person, a network, a day). Rows outside the period, the network filter or the scope are ignored.</summary>
        public void AddActivity(long personId, string network, DateTime day, int posts, int replies, int reactions, int reads, int shares)
        {
            Seal();
            if (!indexById.TryGetValue(personId, out var index))
            {
                return;
            }

            var offset = (int)(day.Date - options.From.Date).TotalDays;
            if (offset < 0 || offset >= days || (networkFilter != null && !networkFilter.Contains(network)))
            {
                return;
            }

            var isContribution = posts + replies > 0;
            var isEngagement = isContribution || reactions + reads + shares > 0;
            if (!isEngagement)
            {
                return;
            }

            var bit = 1UL << (offset & 63);
            var word = index * words + (offset >> 6);
            engaged[word] |= bit;
            if (isContribution)
            {
                contributed[word] |= bit;
            }

            ref var person = ref totals[index];
            person.Posts += posts;
            person.Replies += replies;
            person.Reactions += reactions;
            person.Reads += reads;
            person.Shares += shares;
            postsByDay[offset] += posts;
            repliesByDay[offset] += replies;

            if (!networkIndex.TryGetValue(network, out var n))
            {
                n = networkNames.Count;
                networkIndex[network] = n;
                networkNames.Add(network);
                networkTotals.Add(new NetworkTotals(people.Count));
            }

            var perNetwork = networkTotals[n];
            perNetwork.EngagedPeople[index] = true;
            if (isContribution)
            {
                perNetwork.ContributingPeople[index] = true;
            }

            perNetwork.Posts += posts;
            perNetwork.Replies += replies;
            perNetwork.Reactions += reactions;
            perNetwork.Reads += reads;
            perNetwork.Shares += shares;
            person.Networks |= n < 32 ? 1u << n : 0u;
        }

        private void Seal()
        {
            if (sealedPeople)
            {
                return;
            }

            sealedPeople = true;
            contributed = new ulong[people.Count * words];
            engaged = new ulong[people.Count * words];
            totals = new PersonTotals[people.Count];
        }

        /// <summary>
        /// Computes the tables. <paramref name="daysCoveredByNetwork"/> gives, per network, how many days of the period the
        /// store covers (networks without any row still get a line); <paramref name="personLabel"/> turns a person into the
        /// key of an individual row (pseudonym or name).
        /// </summary>
        public ParticipationResult Build(IReadOnlyDictionary<string, int> daysCoveredByNetwork, Func<ReportPerson, string>? personLabel = null)
        {
            Seal();
            var minimum = Math.Max(1, options.MinimumGroupSize);
            var result = new ParticipationResult { Options = options, Headcount = people.Count };
            var active = new bool[people.Count];
            var anyEngaged = new bool[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                for (var w = 0; w < words; w++)
                {
                    active[i] |= contributed[i * words + w] != 0;
                    anyEngaged[i] |= engaged[i * words + w] != 0;
                }
            }

            var total = Figures(Enumerable.Range(0, people.Count), active, anyEngaged);
            var scopeShown = people.Count >= minimum;
            result.Total = scopeShown ? total : null;

            // Groups: a partition of the headcount, so complementary suppression applies.
            var groups = Enumerable.Range(0, people.Count)
                .GroupBy(i => people[i].GroupValue(options.GroupBy), StringComparer.Ordinal)
                .Select(g => (Name: g.Key, Members: g.ToList()))
                .OrderByDescending(g => g.Members.Count)
                .ThenBy(g => g.Name, StringComparer.Ordinal)
                .ToList();
            var reasons = SmallGroups.Suppress(groups.Select(g => g.Members.Count).ToList(), minimum);
            result.Groups = groups.Select((g, i) =>
            {
                var reason = scopeShown ? reasons[i] : SuppressionReason.SmallGroup;
                return new GroupParticipation
                {
                    Group = g.Name,
                    Suppression = reason,
                    Figures = reason == SuppressionReason.None ? Figures(g.Members, active, anyEngaged) : null,
                    Note = SmallGroups.Note(reason, minimum),
                };
            }).ToList();

            result.Weeks = Weeks(scopeShown, minimum);
            result.Networks = Networks(daysCoveredByNetwork, scopeShown, minimum);
            if (options.IncludeIndividuals)
            {
                var hiddenDepartments = new HashSet<string>(
                    Enumerable.Range(0, people.Count).GroupBy(i => people[i].GroupValue(ReportGroupBy.Department), StringComparer.Ordinal)
                        .Where(g => g.Count() < minimum).Select(g => g.Key),
                    StringComparer.Ordinal);
                var label = personLabel ?? (p => p.DisplayName);
                result.People = Enumerable.Range(0, people.Count).Select(i => Individual(i, label, hiddenDepartments, minimum)).ToList();
            }

            return result;
        }

        private PersonParticipation Individual(int i, Func<ReportPerson, string> label, HashSet<string> hiddenDepartments, int minimum)
        {
            var person = people[i];
            var department = person.GroupValue(ReportGroupBy.Department);
            if (!options.IncludeNames && hiddenDepartments.Contains(department))
            {
                // A department of fewer people than the minimum would make a pseudonymised row identifiable.
                department = $"(department of fewer than {minimum})";
            }

            int activeDays = 0, engagedDays = 0;
            for (var w = 0; w < words; w++)
            {
                activeDays += PopCount(contributed[i * words + w]);
                engagedDays += PopCount(engaged[i * words + w]);
            }

            var t = totals[i];
            return new PersonParticipation
            {
                Person = label(person),
                Department = department,
                Group = person.GroupValue(options.GroupBy),
                ActiveDays = activeDays,
                EngagedDays = engagedDays,
                Posts = t.Posts,
                Replies = t.Replies,
                Reactions = t.Reactions,
                Reads = t.Reads,
                Shares = t.Shares,
                Networks = string.Join(", ", Enumerable.Range(0, Math.Min(32, networkNames.Count)).Where(n => (t.Networks & (1u << n)) != 0).Select(n => networkNames[n]).OrderBy(n => n, StringComparer.Ordinal)),
            };
        }

        private ParticipationFigures Figures(IEnumerable<int> members, bool[] active, bool[] anyEngaged)
        {
            var figures = new ParticipationFigures();
            foreach (var i in members)
            {
                figures.Headcount++;
                figures.ActiveContributors += active[i] ? 1 : 0;
                figures.Engaged += anyEngaged[i] ? 1 : 0;
                figures.Posts += totals[i].Posts;
                figures.Replies += totals[i].Replies;
                figures.Reactions += totals[i].Reactions;
                figures.Reads += totals[i].Reads;
                figures.Shares += totals[i].Shares;
            }

            return figures;
        }

        private List<WeeklyParticipation> Weeks(bool scopeShown, int minimum)
        {
            var weeks = new List<WeeklyParticipation>();
            var first = IsoWeek.StartOf(options.From);
            for (var start = first; start <= options.To.Date; start = start.AddDays(7))
            {
                var from = Math.Max(0, (int)(start - options.From.Date).TotalDays);
                var to = Math.Min(days - 1, (int)(start.AddDays(6) - options.From.Date).TotalDays);
                var row = new WeeklyParticipation { Week = IsoWeek.Label(start), WeekStart = start, DaysInPeriod = to - from + 1 };
                if (scopeShown)
                {
                    int activeCount = 0, engagedCount = 0;
                    for (var i = 0; i < people.Count; i++)
                    {
                        activeCount += AnyBit(contributed, i, from, to) ? 1 : 0;
                        engagedCount += AnyBit(engaged, i, from, to) ? 1 : 0;
                    }

                    long posts = 0, replies = 0;
                    for (var d = from; d <= to; d++)
                    {
                        posts += postsByDay[d];
                        replies += repliesByDay[d];
                    }

                    row.ActiveContributors = activeCount;
                    row.Engaged = engagedCount;
                    row.ParticipationRate = people.Count == 0 ? (double?)null : (double)activeCount / people.Count;
                    row.Posts = posts;
                    row.Replies = replies;
                }
                else
                {
                    row.Note = SmallGroups.Note(SuppressionReason.SmallGroup, minimum);
                }

                weeks.Add(row);
            }

            return weeks;
        }

        private List<NetworkParticipation> Networks(IReadOnlyDictionary<string, int> daysCovered, bool scopeShown, int minimum)
        {
            var names = networkNames.Concat(daysCovered.Keys).Where(n => networkFilter == null || networkFilter.Contains(n))
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var sizes = names.Select(n => networkIndex.TryGetValue(n, out var i) ? Count(networkTotals[i].EngagedPeople) : 0).ToList();

            // Network totals add up to the scope's posts, so a hidden network could be recovered by subtraction: same rule as groups.
            var reasons = SmallGroups.Suppress(sizes.Select(s => s == 0 ? int.MaxValue : s).ToList(), minimum);
            return names.Select((name, k) =>
            {
                var row = new NetworkParticipation { Network = name, DaysCovered = daysCovered.TryGetValue(name, out var covered) ? covered : 0 };
                var reason = scopeShown ? reasons[k] : SuppressionReason.SmallGroup;
                row.Suppression = reason;
                row.Note = SmallGroups.Note(reason, minimum);
                if (reason != SuppressionReason.None)
                {
                    return row;
                }

                if (networkIndex.TryGetValue(name, out var i))
                {
                    var t = networkTotals[i];
                    row.Engaged = sizes[k];
                    row.ActiveContributors = Count(t.ContributingPeople);
                    row.Posts = t.Posts;
                    row.Replies = t.Replies;
                    row.Reactions = t.Reactions;
                    row.Reads = t.Reads;
                    row.Shares = t.Shares;
                }
                else
                {
                    row.Engaged = 0;
                    row.ActiveContributors = 0;
                    row.Posts = row.Replies = row.Reactions = row.Reads = row.Shares = 0;
                }

                row.ParticipationRate = people.Count == 0 ? (double?)null : (double)row.ActiveContributors!.Value / people.Count;
                if (row.DaysCovered == 0)
                {
                    row.Note = "No day of the period is covered for this network";
                }

                return row;
            }).ToList();
        }

        private bool AnyBit(ulong[] bits, int person, int from, int to)
        {
            for (var w = from >> 6; w <= to >> 6; w++)
            {
                var mask = ulong.MaxValue;
                if (w == from >> 6)
                {
                    mask &= ulong.MaxValue << (from & 63);
                }

                if (w == to >> 6 && (to & 63) != 63)
                {
                    mask &= (1UL << ((to & 63) + 1)) - 1;
                }

                if ((bits[person * words + w] & mask) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int Count(bool[] flags)
        {
            var n = 0;
            foreach (var flag in flags)
            {
                n += flag ? 1 : 0;
            }

            return n;
        }

        internal static int PopCount(ulong value)
        {
            var count = 0;
            while (value != 0)
            {
                value &= value - 1;
                count++;
            }

            return count;
        }

        private struct PersonTotals
        {
            public int Posts;
            public int Replies;
            public int Reactions;
            public int Reads;
            public int Shares;
            public uint Networks;
        }

        private sealed class NetworkTotals
        {
            public NetworkTotals(int people)
            {
                EngagedPeople = new bool[people];
                ContributingPeople = new bool[people];
            }

            public bool[] EngagedPeople { get; }

            public bool[] ContributingPeople { get; }

            public long Posts;
            public long Replies;
            public long Reactions;
            public long Reads;
            public long Shares;
        }
    }
}
