using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SocialToolkit.Core.Analytics.Privacy;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Core.Analytics
{
    public sealed class ParticipationOptions
    {
        /// <summary>The family name participation figures are recorded under in the release ledger.</summary>
        public const string ReleaseFamily = "participation";

        public DateTime From { get; set; }

        public DateTime To { get; set; }

        public ReportGroupBy GroupBy { get; set; } = ReportGroupBy.Department;

        /// <summary>
        /// The networks counted, each with the days the store covers for it (any days: those outside the period serve the
        /// privacy comparison with workbooks of other periods). Activity on other networks is ignored.
        /// </summary>
        public IReadOnlyDictionary<string, IReadOnlyCollection<DateTime>> Coverage { get; set; } = new Dictionary<string, IReadOnlyCollection<DateTime>>();

        public int MinimumGroupSize { get; set; } = 5;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }
    }

    /// <summary>The figures of one population (the whole scope, a group).</summary>
    public sealed class ParticipationFigures
    {
        /// <summary>People staff on at least one covered day of the period.</summary>
        public int Headcount { get; set; }

        public int ActiveContributors { get; set; }

        /// <summary>Active contributors / headcount; null when the headcount is 0.</summary>
        public double? ParticipationRate => Rate(ActiveContributors);

        /// <summary>Active contributors on an internal network (Viva Engage, Teams); null when no counted internal network has a covered day in the period (unknown, not zero).</summary>
        public int? InternalContributors { get; set; }

        public double? InternalRate => Rate(InternalContributors);

        /// <summary>Active contributors on an external network (LinkedIn, X, Facebook, Instagram, Other); null when no counted external network has a covered day in the period (unknown, not zero).</summary>
        public int? ExternalContributors { get; set; }

        public double? ExternalRate => Rate(ExternalContributors);

        /// <summary>People with any activity (post, reply, reaction, read, share).</summary>
        public int ReadersOrReactors { get; set; }

        public double? ReadingOrReactingRate => Rate(ReadersOrReactors);

        public long Posts { get; set; }

        public long Replies { get; set; }

        public long Reactions { get; set; }

        public long Reads { get; set; }

        public long Shares { get; set; }

        public double? PostsPerHead => Headcount == 0 ? (double?)null : (double)Posts / Headcount;

        private double? Rate(int? count) => Headcount == 0 || !count.HasValue ? (double?)null : (double)count.Value / Headcount;
    }

    /// <summary>A row of a "By group" table. <see cref="Figures"/> is null when the row is suppressed.</summary>
    public sealed class GroupParticipation
    {
        public string Group { get; set; } = string.Empty;

        /// <summary>People of the group in the headcount (also known for hidden rows: it decides which rows are hidden; never shown for them).</summary>
        internal int Size { get; set; }

        public ParticipationFigures? Figures { get; set; }

        public SuppressionReason Suppression { get; set; }
    }

    public sealed class WeeklyParticipation
    {
        /// <summary>ISO week, e.g. 2026-W47.</summary>
        public string Week { get; set; } = string.Empty;

        public DateTime WeekStart { get; set; }

        /// <summary>Days of this week inside the period (the first and last weeks can be partial).</summary>
        public int DaysInPeriod { get; set; }

        /// <summary>Days of the week inside the period that the store covers for every counted network.</summary>
        public int DaysCovered { get; set; }

        /// <summary>Days covered for some counted networks but not all.</summary>
        public int DaysPartlyCovered { get; set; }

        /// <summary>People staff on at least one covered day of the week; null when no day is covered.</summary>
        public int? Headcount { get; set; }

        /// <summary>Null when no day is covered or the scope is hidden.</summary>
        public int? ActiveContributors { get; set; }

        public double? ParticipationRate { get; set; }

        public int? ReadersOrReactors { get; set; }

        public long? Posts { get; set; }

        public long? Replies { get; set; }

        /// <summary>Seven days, all covered: the weeks a trend line may join.</summary>
        public bool Complete => DaysCovered == 7;

        /// <summary>The rate of complete weeks only (incomplete weeks are gaps in the chart).</summary>
        public double? CompleteWeekRate => Complete ? ParticipationRate : null;

        public bool Hidden { get; set; }
    }

    public sealed class NetworkParticipation
    {
        public string Network { get; set; } = string.Empty;

        public bool IsInternal => SocialNetworks.IsInternal(Network);

        /// <summary>In-scope people with any activity on this network; null when suppressed.</summary>
        public int? ReadersOrReactors { get; set; }

        public int? ActiveContributors { get; set; }

        /// <summary>Active contributors on this network / the scope's headcount.</summary>
        public double? ParticipationRate { get; set; }

        public long? Posts { get; set; }

        public long? Replies { get; set; }

        public long? Reactions { get; set; }

        public long? Reads { get; set; }

        public long? Shares { get; set; }

        /// <summary>Metrics the network's data does not carry (shown as n/a, not 0).</summary>
        public IReadOnlyCollection<string> NotReported { get; set; } = Array.Empty<string>();

        /// <summary>Days of the period the store covers for this network.</summary>
        public int DaysCovered { get; set; }

        /// <summary>People engaged on the network (decides suppression; never shown when hidden).</summary>
        internal int Users { get; set; }

        public SuppressionReason Suppression { get; set; }

        /// <summary>Used by fewer people than the minimum: left out of every figure of the workbook.</summary>
        public bool LeftOut { get; set; }
    }

    /// <summary>One person's figures (only with -IncludeIndividuals).</summary>
    public sealed class PersonParticipation
    {
        /// <summary>Pseudonym, or the display name with -IncludeNames.</summary>
        public string Person { get; set; } = string.Empty;

        /// <summary>The department, or null when that department's figures are hidden (the report writes a neutral label).</summary>
        public string? Department { get; set; }

        /// <summary>The group (-GroupBy), or null when that group's figures are hidden.</summary>
        public string? Group { get; set; }

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

    /// <summary>Accounts and days left out of the figures, with how much activity that removed.</summary>
    public sealed class ExcludedActivity
    {
        public string Kind { get; set; } = string.Empty;

        public int People { get; set; }

        /// <summary>Posts, replies, reactions, reads and shares removed.</summary>
        public long Actions { get; set; }
    }

    public sealed class ParticipationResult
    {
        public ParticipationOptions Options { get; set; } = new ParticipationOptions();

        /// <summary>The whole scope; null when it is hidden.</summary>
        public ParticipationFigures? Total { get; set; }

        public int Headcount { get; set; }

        /// <summary>The counted networks (those left out for privacy included).</summary>
        public IReadOnlyList<string> CountedNetworks { get; set; } = Array.Empty<string>();

        public int DaysInPeriod { get; set; }

        /// <summary>Days of the period covered for every counted network.</summary>
        public int DaysCovered { get; set; }

        /// <summary>Days covered for at least one counted network.</summary>
        public int DaysWithData { get; set; }

        public IReadOnlyList<GroupParticipation> Groups { get; set; } = Array.Empty<GroupParticipation>();

        public IReadOnlyList<WeeklyParticipation> Weeks { get; set; } = Array.Empty<WeeklyParticipation>();

        public IReadOnlyList<NetworkParticipation> Networks { get; set; } = Array.Empty<NetworkParticipation>();

        public IReadOnlyList<PersonParticipation> People { get; set; } = Array.Empty<PersonParticipation>();

        public IReadOnlyList<ExcludedActivity> Excluded { get; set; } = Array.Empty<ExcludedActivity>();

        /// <summary>All actions of the period on the counted networks, before anything was excluded.</summary>
        public long AllActions { get; set; }

        /// <summary>What the workbook publishes; record it in the ledger once the workbook is written.</summary>
        public DisclosureDecision? Disclosure { get; set; }

        public int SuppressedGroups => Groups.Count(g => g.Figures == null);
    }

    /// <summary>
    /// Participation over a period. Feed it the people (any order) and the stored activity rows of the period (any order,
    /// streamed: only per-person bit sets and counters are kept), then <see cref="Build"/>.
    /// Coverage-true: only days the store covers count; a week without a covered day is blank, not zero.
    /// Headcount as it stood: a person counts on the days <see cref="ReportPerson.IsStaffOn"/> says they were staff, and
    /// their activity on other days (before hire, after leaving, guest or resource accounts) is left out and tallied.
    /// </summary>
    public sealed class ParticipationCalculator
    {
        private const string GuestKind = "Guest accounts";
        private const string ResourceKind = "Resource accounts";
        private const string NotStaffKind = "Days not on staff (before hire, after leaving, disabled)";

        private readonly ParticipationOptions options;
        private readonly int days;
        private readonly int words;
        private readonly DateTime from;
        private readonly List<string> networks;
        private readonly Dictionary<string, int> networkIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<DateTime>[] coveredSets;
        private readonly ulong[][] coveredByNetwork;

        /// <summary>Whether each counted network covers at least one day of the period (else what happened on it is unknown).</summary>
        private readonly bool[] coversADay;
        private readonly ulong[] coveredAny;
        private readonly ulong[] coveredAll;
        private Dictionary<long, int> indexById = new Dictionary<long, int>();
        private readonly List<ReportPerson> people = new List<ReportPerson>();
        private readonly List<ulong> staffBits = new List<ulong>();
        private readonly List<bool> inHeadcount = new List<bool>();
        private readonly ConcurrentDictionary<ulong, string> networkLists = new ConcurrentDictionary<ulong, string>();
        private ulong[][] contributed = Array.Empty<ulong[]>();
        private ulong[][] engaged = Array.Empty<ulong[]>();
        private PersonTotals[][] totals = Array.Empty<PersonTotals[]>();
        private ActivitySink? main;
        private (ParticipationResult? Result, List<int> Members, List<int> Counted, HashSet<string> ShownGroups, HashSet<string> ShownDepartments) pendingIndividuals;
        private bool sealedPeople;

        public ParticipationCalculator(ParticipationOptions options)
        {
            if (options.To < options.From)
            {
                throw new ArgumentException("The period ends before it starts.", nameof(options));
            }

            this.options = options;
            from = options.From.Date;
            days = (int)(options.To.Date - from).TotalDays + 1;
            words = (days + 63) / 64;
            networks = options.Coverage.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (networks.Count > 64)
            {
                throw new ArgumentException("At most 64 networks can be counted (a person's networks are kept as bits of one word).", nameof(options));
            }

            coveredSets = new HashSet<DateTime>[networks.Count];
            coveredByNetwork = new ulong[networks.Count][];
            coveredAny = new ulong[words];
            coveredAll = new ulong[words];
            for (var n = 0; n < networks.Count; n++)
            {
                networkIndex[networks[n]] = n;
                coveredSets[n] = new HashSet<DateTime>(options.Coverage[networks[n]].Select(d => d.Date));
                coveredByNetwork[n] = new ulong[words];
                foreach (var day in coveredSets[n])
                {
                    var offset = (int)(day - from).TotalDays;
                    if (offset >= 0 && offset < days)
                    {
                        coveredByNetwork[n][offset >> 6] |= 1UL << (offset & 63);
                        coveredAny[offset >> 6] |= 1UL << (offset & 63);
                    }
                }
            }

            // Covered for every counted network that has any day in the period.
            coversADay = coveredByNetwork.Select(bits => bits.Any(w => w != 0)).ToArray();
            var present = Enumerable.Range(0, networks.Count).Where(n => coversADay[n]).ToList();
            for (var w = 0; w < words; w++)
            {
                coveredAll[w] = present.Count == 0 ? 0 : present.Aggregate(ulong.MaxValue, (bits, n) => bits & coveredByNetwork[n][w]);
            }
        }

        /// <summary>The counted networks, in the order numbered rows (<see cref="ActivitySink.Add(long, int, int, int, int, int, int, int)"/>) refer to them.</summary>
        public IReadOnlyList<string> CountedNetworks => networks;

        /// <summary>The five counts in the order <see cref="NetworkParticipation.NotReported"/> names them.</summary>
        public static readonly string[] Metrics = { "Posts", "Replies", "Reactions", "Reads", "Shares" };

        /// <summary>
        /// Makes room for about <paramref name="expected"/> people before any is added, ideally before they are even read:
        /// the calculator's large tables are then allocated while the process holds little, so the full garbage collections
        /// that large allocations set off have little to go through (on 100,000 people: about 1 ms instead of 50 to 60 ms
        /// once the people are in memory). Fewer or more people than expected can still be added.
        /// </summary>
        public void Reserve(int expected)
        {
            if (people.Count > 0 || sealedPeople || expected <= people.Capacity)
            {
                return;
            }

            indexById = new Dictionary<long, int>(expected);
            people.Capacity = expected;
            staffBits.Capacity = expected * words;
            inHeadcount.Capacity = expected;
            contributed = networks.Select(_ => new ulong[expected * words]).ToArray();
            engaged = networks.Select(_ => new ulong[expected * words]).ToArray();
            totals = networks.Select(_ => new PersonTotals[expected]).ToArray();
        }

        /// <summary>
        /// Adds everyone at once (see <see cref="AddPerson"/>), with room made for them first (<see cref="Reserve"/>): grown
        /// one person at a time, the tables of a large organisation are copied again and again.
        /// </summary>
        public void AddPeople(IReadOnlyCollection<ReportPerson> everyone)
        {
            Reserve(everyone.Count);
            foreach (var person in everyone)
            {
                AddPerson(person);
            }
        }

        /// <summary>Adds a person; everyone is added (their activity on days they were not staff is tallied as excluded).</summary>
        public void AddPerson(ReportPerson person)
        {
            if (sealedPeople)
            {
                throw new InvalidOperationException("Add every person before the first activity row.");
            }

            if (indexById.ContainsKey(person.Id))
            {
                return;
            }

            indexById[person.Id] = people.Count;
            people.Add(person);

            // Staff days of the period (one stretch, see ReportPerson.StaffStretch), kept on covered days only.
            var first = days;
            var end = 0;
            var stretch = person.StaffStretch();
            if (stretch.HasValue)
            {
                var (staffFrom, staffUntil) = stretch.Value;
                first = staffFrom.HasValue && staffFrom.Value > from ? (int)Math.Min(days, (staffFrom.Value - from).TotalDays) : 0;
                end = staffUntil.HasValue ? (int)Math.Max(0, Math.Min(days, (staffUntil.Value - from).TotalDays)) : days;
            }

            var any = false;
            for (var w = 0; w < words; w++)
            {
                var bits = first < end && w >= first >> 6 && w <= (end - 1) >> 6 ? coveredAny[w] & Mask(w, first, end - 1) : 0;
                staffBits.Add(bits);
                any |= bits != 0;
            }

            inHeadcount.Add(any);
        }

        /// <summary>Adds one stored activity row (a person, a network, a day). Rows outside the period or the counted networks are ignored.</summary>
        public void AddActivity(long personId, string network, DateTime day, int posts, int replies, int reactions, int reads, int shares)
        {
            Seal();
            main!.Add(personId, network, day, posts, replies, reactions, reads, shares);
        }

        /// <summary>
        /// A separate intake for rows read on another thread. Rows of one person must all go to the same sink (each sink
        /// writes only its people's bits); call <see cref="Merge"/> once its rows are in.
        /// </summary>
        public ActivitySink NewSink()
        {
            Seal();
            return new ActivitySink(this);
        }

        /// <summary>Adds a sink's day totals and tallies to the calculator's.</summary>
        public void Merge(ActivitySink sink)
        {
            Seal();
            main!.Absorb(sink);
        }

        private void Seal()
        {
            if (sealedPeople)
            {
                return;
            }

            sealedPeople = true;

            // Tables made by Reserve serve when they hold everyone (a person's slots are at their index; the rest stay unused).
            if (totals.Length != networks.Count || (networks.Count > 0 && totals[0].Length < people.Count))
            {
                contributed = networks.Select(_ => new ulong[people.Count * words]).ToArray();
                engaged = networks.Select(_ => new ulong[people.Count * words]).ToArray();
                totals = networks.Select(_ => new PersonTotals[people.Count]).ToArray();
            }

            main = new ActivitySink(this);
        }

        /// <summary>
        /// Computes the tables and decides, through <see cref="DisclosureControl"/>, what may be shown given what
        /// <paramref name="ledger"/> says was published before. <paramref name="personLabel"/> turns a person into the key of
        /// an individual row (pseudonym or name); on a large population it is called from two threads at once.
        /// </summary>
        public ParticipationResult Build(IReleaseLedger? ledger = null, Func<ReportPerson, string>? personLabel = null)
        {
            var result = BuildFigures(ledger);
            if (options.IncludeIndividuals)
            {
                AddIndividuals(result, personLabel);
            }

            return result;
        }

        /// <summary>
        /// <see cref="Build"/> without the individual rows, which <see cref="AddIndividuals"/> adds afterwards: a report can
        /// write its other sheets while the rows (a keyed hash each) are being made.
        /// </summary>
        public ParticipationResult BuildFigures(IReleaseLedger? ledger = null)
        {
            Seal();
            var minimum = Math.Max(1, options.MinimumGroupSize);
            var headcount = Enumerable.Range(0, people.Count).Where(i => inHeadcount[i]).ToList();
            var result = new ParticipationResult
            {
                Options = options,
                Headcount = headcount.Count,
                CountedNetworks = networks,
                DaysInPeriod = days,
                DaysCovered = PopCount(coveredAll),
                DaysWithData = PopCount(coveredAny),
                AllActions = main!.AllActions,
                Excluded = main.Excluded.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new ExcludedActivity { Kind = e.Key, People = e.Value.People.Count, Actions = e.Value.Actions }).ToList(),
            };

            // A network used by fewer people than the minimum is left out of every figure: with and without it, figures would differ by those few people.
            var users = Enumerable.Range(0, networks.Count).Select(n => headcount.Count(i => AnyBit(engaged[n], i))).ToList();
            var counted = Enumerable.Range(0, networks.Count).Where(n => users[n] == 0 || users[n] >= minimum || minimum <= 1).ToList();
            var active = new bool[people.Count];
            var reading = new bool[people.Count];
            var internalActive = new bool[people.Count];
            var externalActive = new bool[people.Count];
            foreach (var i in headcount)
            {
                foreach (var n in counted)
                {
                    var contributes = AnyBit(contributed[n], i);
                    active[i] |= contributes;
                    reading[i] |= AnyBit(engaged[n], i);
                    if (SocialNetworks.IsInternal(networks[n]))
                    {
                        internalActive[i] |= contributes;
                    }
                    else
                    {
                        externalActive[i] |= contributes;
                    }
                }
            }

            var groups = headcount
                .GroupBy(i => people[i].GroupValue(options.GroupBy), StringComparer.Ordinal)
                .Select(g => (Name: g.Key, Members: g.ToList()))
                .OrderByDescending(g => g.Members.Count)
                .ThenBy(g => g.Name, StringComparer.Ordinal)
                .ToList();
            var frame = new ReleaseFrame(ParticipationOptions.ReleaseFamily, options.From, options.To, counted.Select(n => networks[n]));
            var request = new DisclosureRequest(frame, minimum, headcount.Select(i => people[i].Id))
            {
                Ledger = ledger,
                ContributionDiffers = (id, other) => ContributionDiffers(id, other, frame),
            };
            const string groupTable = "groups";
            const string departmentTable = "departments";
            request.Add(new DisclosureTable(groupTable, groups.Select(g => g.Members.Select(i => people[i].Id)), partitionsTotal: true));
            List<(string Name, List<int> Members)>? departments = null;
            if (options.IncludeIndividuals && options.GroupBy != ReportGroupBy.Department)
            {
                // A People sheet with a Department column publishes each department's figures (sum its rows): protect them like rows.
                departments = headcount.GroupBy(i => people[i].GroupValue(ReportGroupBy.Department), StringComparer.Ordinal)
                    .Select(g => (Name: g.Key, Members: g.ToList())).ToList();
                request.Add(new DisclosureTable(departmentTable, departments.Select(g => g.Members.Select(i => people[i].Id)), partitionsTotal: true));
            }

            var decision = DisclosureControl.Protect(request);
            result.Disclosure = decision;
            var scopeShown = decision.TotalShown;
            result.Total = scopeShown ? Figures(headcount, counted, active, reading, internalActive, externalActive) : null;
            var groupReasons = decision.For(groupTable);
            result.Groups = groups.Select((g, i) => new GroupParticipation
            {
                Group = g.Name,
                Size = g.Members.Count,
                Suppression = groupReasons[i],
                Figures = groupReasons[i] == SuppressionReason.None ? Figures(g.Members, counted, active, reading, internalActive, externalActive) : null,
            }).OrderBy(g => g.Figures == null ? 1 : 0).ThenByDescending(g => g.Size).ThenBy(g => g.Group, StringComparer.Ordinal).ToList();

            result.Weeks = Weeks(scopeShown, counted);
            result.Networks = Networks(scopeShown, counted, users, headcount.Count, minimum);
            if (options.IncludeIndividuals)
            {
                var shownGroups = new HashSet<string>(groups.Where((g, i) => groupReasons[i] == SuppressionReason.None).Select(g => g.Name), StringComparer.Ordinal);
                var shownDepartments = departments == null
                    ? shownGroups
                    : new HashSet<string>(departments.Where((g, i) => decision.For(departmentTable)[i] == SuppressionReason.None).Select(g => g.Name), StringComparer.Ordinal);
                pendingIndividuals = (result, scopeShown ? headcount : new List<int>(), counted, shownGroups, shownDepartments);
            }

            return result;
        }

        /// <summary>
        /// Whether a person contributes other cells to a figure of <paramref name="other"/> than to this workbook's: always
        /// when the networks differ; for another period, when they were staff on a covered day one period has and the other
        /// has not.
        /// </summary>
        private bool ContributionDiffers(long personId, ReleaseFrame other, ReleaseFrame mine)
        {
            if (!other.SameNetworksAndSettings(mine))
            {
                return true;
            }

            if (!indexById.TryGetValue(personId, out var index))
            {
                return true;
            }

            var person = people[index];
            var first = other.From < mine.From ? other.From : mine.From;
            var last = other.To > mine.To ? other.To : mine.To;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var inMine = day >= mine.From && day <= mine.To;
                var inOther = day >= other.From && day <= other.To;
                if (inMine != inOther && CoveredByAny(day, mine.Networks) && person.IsStaffOn(day))
                {
                    return true;
                }
            }

            return false;
        }

        private bool CoveredByAny(DateTime day, IReadOnlyList<string> names)
        {
            foreach (var name in names)
            {
                if (networkIndex.TryGetValue(name, out var n) && coveredSets[n].Contains(day))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Makes the individual rows of a result of <see cref="BuildFigures"/> (options with IncludeIndividuals) and sets its
        /// <see cref="ParticipationResult.People"/>. <paramref name="personLabel"/> turns a person into the key of a row
        /// (pseudonym or name; by default the display name); on a large population it is called from two threads at once.
        /// </summary>
        public IReadOnlyList<PersonParticipation> AddIndividuals(ParticipationResult result, Func<ReportPerson, string>? personLabel = null)
        {
            if (pendingIndividuals.Result != result)
            {
                throw new InvalidOperationException("Individual rows are made for the result of this calculator's BuildFigures, with IncludeIndividuals set.");
            }

            var (_, members, counted, shownGroups, shownDepartments) = pendingIndividuals;
            var rows = Individuals(members, counted, personLabel ?? (p => p.DisplayName), shownGroups, shownDepartments);
            result.People = rows;
            return rows;
        }

        /// <summary>Above this many rows, individual rows (a keyed hash each, for pseudonyms) are made in two halves at once.</summary>
        private const int ParallelIndividuals = 20_000;

        private List<PersonParticipation> Individuals(List<int> headcount, List<int> counted, Func<ReportPerson, string> label, HashSet<string> shownGroups, HashSet<string> shownDepartments)
        {
            var rows = new PersonParticipation[headcount.Count];
            void Make(int start, int end)
            {
                for (var k = start; k < end; k++)
                {
                    rows[k] = Individual(headcount[k], counted, label, shownGroups, shownDepartments);
                }
            }

            if (rows.Length < ParallelIndividuals || Environment.ProcessorCount < 2)
            {
                Make(0, rows.Length);
            }
            else
            {
                var half = rows.Length / 2;
                var second = Task.Run(() => Make(half, rows.Length));
                Make(0, half);
                second.GetAwaiter().GetResult();
            }

            return rows.ToList();
        }

        private PersonParticipation Individual(int i, List<int> counted, Func<ReportPerson, string> label, HashSet<string> shownGroups, HashSet<string> shownDepartments)
        {
            var person = people[i];
            var department = person.GroupValue(ReportGroupBy.Department);
            var group = person.GroupValue(options.GroupBy);
            int activeDays = 0, engagedDays = 0;
            var t = new PersonTotals();
            var used = 0UL;
            for (var w = 0; w < words; w++)
            {
                ulong contributedWord = 0, engagedWord = 0;
                foreach (var n in counted)
                {
                    contributedWord |= contributed[n][i * words + w];
                    engagedWord |= engaged[n][i * words + w];
                }

                activeDays += PopCount(contributedWord);
                engagedDays += PopCount(engagedWord);
            }

            foreach (var n in counted)
            {
                var nt = totals[n][i];
                t.Posts += nt.Posts;
                t.Replies += nt.Replies;
                t.Reactions += nt.Reactions;
                t.Reads += nt.Reads;
                t.Shares += nt.Shares;
                if (AnyBit(engaged[n], i))
                {
                    used |= 1UL << n;
                }
            }

            return new PersonParticipation
            {
                Person = label(person),
                Department = shownDepartments.Contains(department) ? department : null,
                Group = shownGroups.Contains(group) ? group : null,
                ActiveDays = activeDays,
                EngagedDays = engagedDays,
                Posts = t.Posts,
                Replies = t.Replies,
                Reactions = t.Reactions,
                Reads = t.Reads,
                Shares = t.Shares,
                Networks = NetworkList(used),
            };
        }

        /// <summary>The names of the networks whose bits are set, comma-separated: made once per combination, not once per person.</summary>
        private string NetworkList(ulong bits) =>
            networkLists.GetOrAdd(bits, b => string.Join(", ", Enumerable.Range(0, networks.Count).Where(n => (b & (1UL << n)) != 0).Select(n => networks[n])));

        private ParticipationFigures Figures(IEnumerable<int> members, List<int> counted, bool[] active, bool[] reading, bool[] internalActive, bool[] externalActive)
        {
            // A kind of network none of whose counted networks covers a day of the period is unknown, not zero.
            bool Known(bool internalKind) => Enumerable.Range(0, networks.Count).Any(n => coversADay[n] && SocialNetworks.IsInternal(networks[n]) == internalKind);
            var figures = new ParticipationFigures { InternalContributors = Known(true) ? 0 : (int?)null, ExternalContributors = Known(false) ? 0 : (int?)null };
            foreach (var i in members)
            {
                figures.Headcount++;
                figures.ActiveContributors += active[i] ? 1 : 0;
                figures.InternalContributors += internalActive[i] ? 1 : 0;
                figures.ExternalContributors += externalActive[i] ? 1 : 0;
                figures.ReadersOrReactors += reading[i] ? 1 : 0;
                foreach (var n in counted)
                {
                    var t = totals[n][i];
                    figures.Posts += t.Posts;
                    figures.Replies += t.Replies;
                    figures.Reactions += t.Reactions;
                    figures.Reads += t.Reads;
                    figures.Shares += t.Shares;
                }
            }

            return figures;
        }

        private List<WeeklyParticipation> Weeks(bool scopeShown, List<int> counted)
        {
            var weeks = new List<WeeklyParticipation>();
            var ranges = new List<(WeeklyParticipation Row, int Lo, int Hi)>();
            var first = IsoWeek.StartOf(options.From);
            for (var start = first; start <= options.To.Date; start = start.AddDays(7))
            {
                var lo = Math.Max(0, (int)(start - from).TotalDays);
                var hi = Math.Min(days - 1, (int)(start.AddDays(6) - from).TotalDays);
                var row = new WeeklyParticipation { Week = IsoWeek.Label(start), WeekStart = start, DaysInPeriod = hi - lo + 1 };
                var any = 0;
                for (var d = lo; d <= hi; d++)
                {
                    var bit = 1UL << (d & 63);
                    row.DaysCovered += (coveredAll[d >> 6] & bit) != 0 ? 1 : 0;
                    any += (coveredAny[d >> 6] & bit) != 0 ? 1 : 0;
                }

                row.DaysPartlyCovered = any - row.DaysCovered;
                weeks.Add(row);
                if (any == 0)
                {
                    continue;
                }

                if (!scopeShown)
                {
                    row.Hidden = true;
                    continue;
                }

                ranges.Add((row, lo, hi));
            }

            // Person by person, every week at once: each person's days (all counted networks together) are gathered once.
            var headcounts = new int[ranges.Count];
            var activeCounts = new int[ranges.Count];
            var readingCounts = new int[ranges.Count];
            var staffDays = new ulong[words];
            var contributedDays = new ulong[words];
            var engagedDays = new ulong[words];
            for (var i = 0; i < people.Count; i++)
            {
                if (!inHeadcount[i])
                {
                    continue;
                }

                for (var w = 0; w < words; w++)
                {
                    staffDays[w] = staffBits[i * words + w];
                    ulong contributedWord = 0, engagedWord = 0;
                    foreach (var n in counted)
                    {
                        contributedWord |= contributed[n][i * words + w];
                        engagedWord |= engaged[n][i * words + w];
                    }

                    contributedDays[w] = contributedWord;
                    engagedDays[w] = engagedWord;
                }

                for (var k = 0; k < ranges.Count; k++)
                {
                    var (_, lo, hi) = ranges[k];
                    if (AnyBitIn(staffDays, 0, lo, hi))
                    {
                        headcounts[k]++;
                        activeCounts[k] += AnyBitIn(contributedDays, 0, lo, hi) ? 1 : 0;
                        readingCounts[k] += AnyBitIn(engagedDays, 0, lo, hi) ? 1 : 0;
                    }
                }
            }

            for (var k = 0; k < ranges.Count; k++)
            {
                var (row, lo, hi) = ranges[k];
                long posts = 0, replies = 0;
                foreach (var n in counted)
                {
                    for (var d = lo; d <= hi; d++)
                    {
                        posts += main!.PostsByDay[n][d];
                        replies += main.RepliesByDay[n][d];
                    }
                }

                row.Headcount = headcounts[k];
                row.ActiveContributors = activeCounts[k];
                row.ReadersOrReactors = readingCounts[k];
                row.ParticipationRate = headcounts[k] == 0 ? (double?)null : (double)activeCounts[k] / headcounts[k];
                row.Posts = posts;
                row.Replies = replies;
            }

            return weeks;
        }

        private List<NetworkParticipation> Networks(bool scopeShown, List<int> counted, List<int> users, int headcount, int minimum)
        {
            var shown = new HashSet<int>(counted);
            return Enumerable.Range(0, networks.Count).Select(n =>
            {
                var row = new NetworkParticipation
                {
                    Network = networks[n],
                    DaysCovered = PopCount(coveredByNetwork[n]),
                    Users = users[n],
                    NotReported = NotReported(n),
                };
                if (!scopeShown)
                {
                    row.Suppression = SuppressionReason.SmallGroup;
                    return row;
                }

                if (!shown.Contains(n))
                {
                    row.Suppression = SuppressionReason.SmallGroup;
                    row.LeftOut = true;
                    return row;
                }

                // No day of the period is covered: what happened on the network is unknown, not zero.
                if (row.DaysCovered == 0)
                {
                    return row;
                }

                long posts = 0, replies = 0, reactions = 0, reads = 0, shares = 0;
                int active = 0, reading = 0;
                for (var i = 0; i < people.Count; i++)
                {
                    if (!inHeadcount[i])
                    {
                        continue;
                    }

                    var t = totals[n][i];
                    posts += t.Posts;
                    replies += t.Replies;
                    reactions += t.Reactions;
                    reads += t.Reads;
                    shares += t.Shares;
                    active += AnyBit(contributed[n], i) ? 1 : 0;
                    reading += AnyBit(engaged[n], i) ? 1 : 0;
                }

                row.ReadersOrReactors = reading;
                row.ActiveContributors = active;
                row.ParticipationRate = headcount == 0 ? (double?)null : (double)active / headcount;
                row.Posts = posts;
                row.Replies = replies;
                row.Reactions = reactions;
                row.Reads = reads;
                row.Shares = shares;
                return row;
            }).ToList();
        }

        /// <summary>
        /// Metrics a network does not report. The usage reports of Microsoft 365 carry fixed counts (Viva Engage: posts,
        /// reads, likes; Teams: posts and replies); any other metric is n/a unless a stored row of the period carries it
        /// (on a network with no covered day, no row says what its data carries: nothing is called n/a).
        /// </summary>
        private IReadOnlyCollection<string> NotReported(int n)
        {
            var fixedSet = SocialNetworks.ReportedMetrics(networks[n]);
            if (fixedSet == null && !coversADay[n])
            {
                return Array.Empty<string>();
            }

            return Enumerable.Range(0, Metrics.Length)
                .Where(m => !main!.Reported[n, m] && (fixedSet == null || !fixedSet.Contains(Metrics[m])))
                .Select(m => Metrics[m]).ToList();
        }

        private bool AnyBit(ulong[] bits, int person)
        {
            for (var w = 0; w < words; w++)
            {
                if (bits[person * words + w] != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyBitIn(ulong[] bits, int offset, int lo, int hi)
        {
            for (var w = lo >> 6; w <= hi >> 6; w++)
            {
                if ((bits[offset + w] & Mask(w, lo, hi)) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static ulong Mask(int w, int lo, int hi)
        {
            var mask = ulong.MaxValue;
            if (w == lo >> 6)
            {
                mask &= ulong.MaxValue << (lo & 63);
            }

            if (w == hi >> 6 && (hi & 63) != 63)
            {
                mask &= (1UL << ((hi & 63) + 1)) - 1;
            }

            return mask;
        }

        internal static int PopCount(ulong value)
        {
            // Bits counted in parallel within the word (no hardware instruction in netstandard2.0).
            value -= (value >> 1) & 0x5555555555555555UL;
            value = (value & 0x3333333333333333UL) + ((value >> 2) & 0x3333333333333333UL);
            value = (value + (value >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((value * 0x0101010101010101UL) >> 56);
        }

        private static int PopCount(ulong[] values) => values.Sum(v => PopCount(v));

        /// <summary>Where activity rows go: per-person bits and totals (shared, each person written by one sink only), and this sink's own day totals and tallies.</summary>
        public sealed class ActivitySink
        {
            private readonly ParticipationCalculator owner;

            internal ActivitySink(ParticipationCalculator owner)
            {
                this.owner = owner;
                PostsByDay = owner.networks.Select(_ => new long[owner.days]).ToArray();
                RepliesByDay = owner.networks.Select(_ => new long[owner.days]).ToArray();
                Reported = new bool[owner.networks.Count, Metrics.Length];
            }

            internal long[][] PostsByDay { get; }

            internal long[][] RepliesByDay { get; }

            internal bool[,] Reported { get; }

            internal long AllActions { get; private set; }

            internal Dictionary<string, ExcludedTally> Excluded { get; } = new Dictionary<string, ExcludedTally>(StringComparer.Ordinal);

            private long lastPersonId;
            private int lastIndex = NotLookedUp;

            private const int NotLookedUp = -2;

            public void Add(long personId, string network, DateTime day, int posts, int replies, int reactions, int reads, int shares)
            {
                if (owner.networkIndex.TryGetValue(network, out var n))
                {
                    Add(personId, n, (int)(day.Date - owner.from).TotalDays, posts, replies, reactions, reads, shares);
                }
            }

            /// <summary>
            /// Adds one row given by numbers: <paramref name="network"/> is a position in <see cref="ParticipationCalculator.CountedNetworks"/> and
            /// <paramref name="day"/> counts days since <see cref="ParticipationOptions.From"/>.
            /// </summary>
            public void Add(long personId, int network, int day, int posts, int replies, int reactions, int reads, int shares)
            {
                var o = owner;
                var offset = day;
                var n = network;
                if ((uint)offset >= (uint)o.days || (uint)n >= (uint)o.networks.Count)
                {
                    return;
                }

                // Rows come grouped by person: one dictionary look-up per person, not per row.
                if (personId != lastPersonId || lastIndex == NotLookedUp)
                {
                    lastPersonId = personId;
                    lastIndex = o.indexById.TryGetValue(personId, out var found) ? found : -1;
                }

                var index = lastIndex;
                if (index < 0)
                {
                    return;
                }

                var bit = 1UL << (offset & 63);
                var word = offset >> 6;
                if ((o.coveredByNetwork[n][word] & bit) == 0)
                {
                    return;
                }

                var actions = (long)posts + replies + reactions + reads + shares;
                AllActions += actions;
                if ((o.staffBits[index * o.words + word] & bit) == 0)
                {
                    if (actions > 0)
                    {
                        var person = o.people[index];
                        var kind = person.UserType == StaffAccount.Guest ? GuestKind : person.UserType == StaffAccount.Resource ? ResourceKind : NotStaffKind;
                        if (!Excluded.TryGetValue(kind, out var tally))
                        {
                            Excluded[kind] = tally = new ExcludedTally();
                        }

                        tally.People.Add(personId);
                        tally.Actions += actions;
                    }

                    return;
                }

                if (posts > 0) Reported[n, 0] = true;
                if (replies > 0) Reported[n, 1] = true;
                if (reactions > 0) Reported[n, 2] = true;
                if (reads > 0) Reported[n, 3] = true;
                if (shares > 0) Reported[n, 4] = true;
                if (actions == 0)
                {
                    return;
                }

                var slot = index * o.words + word;
                o.engaged[n][slot] |= bit;
                if (posts + replies > 0)
                {
                    o.contributed[n][slot] |= bit;
                }

                ref var t = ref o.totals[n][index];
                t.Posts += posts;
                t.Replies += replies;
                t.Reactions += reactions;
                t.Reads += reads;
                t.Shares += shares;
                PostsByDay[n][offset] += posts;
                RepliesByDay[n][offset] += replies;
            }

            internal void Absorb(ActivitySink other)
            {
                if (ReferenceEquals(other, this))
                {
                    return;
                }

                for (var n = 0; n < PostsByDay.Length; n++)
                {
                    for (var d = 0; d < PostsByDay[n].Length; d++)
                    {
                        PostsByDay[n][d] += other.PostsByDay[n][d];
                        RepliesByDay[n][d] += other.RepliesByDay[n][d];
                    }

                    for (var m = 0; m < Metrics.Length; m++)
                    {
                        Reported[n, m] |= other.Reported[n, m];
                    }
                }

                AllActions += other.AllActions;
                foreach (var pair in other.Excluded)
                {
                    if (!Excluded.TryGetValue(pair.Key, out var tally))
                    {
                        Excluded[pair.Key] = tally = new ExcludedTally();
                    }

                    tally.People.UnionWith(pair.Value.People);
                    tally.Actions += pair.Value.Actions;
                }
            }
        }

        internal sealed class ExcludedTally
        {
            public HashSet<long> People { get; } = new HashSet<long>();

            public long Actions { get; set; }
        }

        private struct PersonTotals
        {
            public int Posts;
            public int Replies;
            public int Reactions;
            public int Reads;
            public int Shares;
        }
    }
}
