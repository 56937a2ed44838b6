using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SocialToolkit.Core.Analytics
{
    public sealed class TrainingEffectOptions
    {
        public const long DefaultSeed = 20240611;

        /// <summary>W: days compared before (c−W … c−1) and after (c+1 … c+W) a completion on day c.</summary>
        public int WindowDays { get; set; } = 28;

        /// <summary>Course ids counted; empty means all.</summary>
        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        public int MinimumGroupSize { get; set; } = 5;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }

        public int BootstrapReplicates { get; set; } = 1000;

        /// <summary>Fixed so the same store always gives the same interval.</summary>
        public long Seed { get; set; } = DefaultSeed;
    }

    /// <summary>A completed course, as the calculator needs it.</summary>
    public sealed class TrainingCompletion
    {
        public long PersonId { get; set; }

        public string CourseId { get; set; } = string.Empty;

        public string CourseTitle { get; set; } = string.Empty;

        public DateTime Completed { get; set; }
    }

    /// <summary>Means over a group of trained people and the same calendar windows of the never-trained control.</summary>
    public sealed class TrainingEffectFigures
    {
        public int TrainedPeople { get; set; }

        public int ControlPeople { get; set; }

        public double TrainedBefore { get; set; }

        public double TrainedAfter { get; set; }

        public double ControlBefore { get; set; }

        public double ControlAfter { get; set; }

        /// <summary>Difference in differences, active days per week.</summary>
        public double Effect { get; set; }

        public double IntervalLow { get; set; }

        public double IntervalHigh { get; set; }

        public double TrainedPostsBefore { get; set; }

        public double TrainedPostsAfter { get; set; }

        public double ControlPostsBefore { get; set; }

        public double ControlPostsAfter { get; set; }

        /// <summary>Difference in differences, posts per week.</summary>
        public double PostsEffect { get; set; }

        public double PostsIntervalLow { get; set; }

        public double PostsIntervalHigh { get; set; }
    }

    /// <summary>A row of the By Course, By Cohort or By Department table; <see cref="Figures"/> is null when suppressed.</summary>
    public sealed class TrainingEffectGroup
    {
        public string Group { get; set; } = string.Empty;

        /// <summary>The course title (By Course only).</summary>
        public string? Title { get; set; }

        public TrainingEffectFigures? Figures { get; set; }

        public SuppressionReason Suppression { get; set; }

        public string Note { get; set; } = string.Empty;
    }

    /// <summary>One trained person's windows (only with -IncludeIndividuals).</summary>
    public sealed class TrainedPersonEffect
    {
        public string Person { get; set; } = string.Empty;

        public string Department { get; set; } = string.Empty;

        public string Course { get; set; } = string.Empty;

        public DateTime Completed { get; set; }

        public double ActiveDaysBefore { get; set; }

        public double ActiveDaysAfter { get; set; }

        public double PostsBefore { get; set; }

        public double PostsAfter { get; set; }

        /// <summary>The never-trained control's change over the same calendar windows.</summary>
        public double ControlChange { get; set; }

        public double DifferenceInDifferences { get; set; }
    }

    public sealed class TrainingEffectResult
    {
        public TrainingEffectOptions Options { get; set; } = new TrainingEffectOptions();

        public DateTime? CoveredFrom { get; set; }

        public DateTime? CoveredTo { get; set; }

        /// <summary>People with a completion of a counted course.</summary>
        public int PeopleWithCompletion { get; set; }

        /// <summary>Trained people measured (both windows covered, employed before the first window).</summary>
        public int TrainedPeople { get; set; }

        /// <summary>Trained people left out because the store does not cover both of their windows (or they were hired within them).</summary>
        public int ExcludedTrainedPeople { get; set; }

        public int ControlPeople { get; set; }

        public DateTime? FirstCompletion { get; set; }

        public DateTime? LastCompletion { get; set; }

        /// <summary>The whole trained group; null when suppressed or not measurable.</summary>
        public TrainingEffectFigures? Overall { get; set; }

        public string OverallNote { get; set; } = string.Empty;

        public IReadOnlyList<TrainingEffectGroup> ByCourse { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainingEffectGroup> ByCohort { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainingEffectGroup> ByDepartment { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainedPersonEffect> People { get; set; } = Array.Empty<TrainedPersonEffect>();
    }

    /// <summary>
    /// The training effect as a difference in differences. For each trained person with a completion on day c: active days
    /// per week in c+1…c+W minus in c−W…c−1, minus the same change of the never-trained control over those calendar
    /// windows. The interval is a seeded percentile bootstrap that resamples trained people and control people alike.
    /// Feed people, completions and contribution days (days with a post or reply; rows may repeat per network), then Build.
    /// </summary>
    public sealed class TrainingEffectCalculator
    {
        private readonly TrainingEffectOptions options;
        private readonly DateTime spanStart;
        private readonly int spanDays;
        private readonly int[] coveredPrefix;
        private readonly Dictionary<long, ReportPerson> people = new Dictionary<long, ReportPerson>();
        private readonly List<TrainingCompletion> completions = new List<TrainingCompletion>();
        private readonly List<long> rowPerson = new List<long>();
        private readonly List<int> rowDay = new List<int>();
        private readonly List<int> rowPosts = new List<int>();

        /// <param name="options">Window, course filter, thresholds and bootstrap settings.</param>
        /// <param name="coveredDays">Days for which the store holds every network's activity.</param>
        public TrainingEffectCalculator(TrainingEffectOptions options, IEnumerable<DateTime> coveredDays)
        {
            if (options.WindowDays < 1)
            {
                throw new ArgumentException("The window must be at least one day.", nameof(options));
            }

            this.options = options;
            var days = coveredDays.Select(d => d.Date).Distinct().OrderBy(d => d).ToList();
            spanStart = days.Count == 0 ? DateTime.MinValue.Date : days[0];
            spanDays = days.Count == 0 ? 0 : (int)(days[days.Count - 1] - spanStart).TotalDays + 1;
            coveredPrefix = new int[spanDays + 1];
            var covered = new bool[spanDays];
            foreach (var day in days)
            {
                covered[(int)(day - spanStart).TotalDays] = true;
            }

            for (var d = 0; d < spanDays; d++)
            {
                coveredPrefix[d + 1] = coveredPrefix[d] + (covered[d] ? 1 : 0);
            }
        }

        public void AddPerson(ReportPerson person) => people[person.Id] = person;

        public void AddCompletion(TrainingCompletion completion) => completions.Add(completion);

        /// <summary>A day on which the person posted or replied (with that day's posts).</summary>
        public void AddContribution(long personId, DateTime day, int posts)
        {
            var offset = (int)(day.Date - spanStart).TotalDays;
            if (offset < 0 || offset >= spanDays)
            {
                return;
            }

            rowPerson.Add(personId);
            rowDay.Add(offset);
            rowPosts.Add(posts);
        }

        private bool FullyCovered(int from, int to) => from >= 0 && to < spanDays && coveredPrefix[to + 1] - coveredPrefix[from] == to - from + 1;

        public TrainingEffectResult Build(Func<ReportPerson, string>? personLabel = null, CancellationToken token = default)
        {
            var w = options.WindowDays;
            var minimum = Math.Max(1, options.MinimumGroupSize);
            var courseFilter = options.Courses.Count == 0 ? null : new HashSet<string>(options.Courses, StringComparer.OrdinalIgnoreCase);
            var result = new TrainingEffectResult
            {
                Options = options,
                CoveredFrom = spanDays == 0 ? (DateTime?)null : spanStart,
                CoveredTo = spanDays == 0 ? (DateTime?)null : spanStart.AddDays(spanDays - 1),
            };

            // Contribution days per person, merged (a day active on two networks counts once).
            var history = BuildHistory();
            var everTrained = new HashSet<long>(completions.Select(c => c.PersonId));
            var control = people.Values
                .Where(p => p.Enabled && !everTrained.Contains(p.Id) && (!p.HireDate.HasValue || p.HireDate.Value.Date <= spanStart))
                .Select(p => p.Id).OrderBy(id => id).ToArray();
            result.ControlPeople = control.Length;

            var counted = completions
                .Where(c => courseFilter == null || courseFilter.Contains(c.CourseId))
                .Where(c => people.TryGetValue(c.PersonId, out var p) && p.Enabled)
                .ToList();
            var overallUnits = new List<Unit>();
            var courseUnits = new List<Unit>();
            var excluded = 0;
            foreach (var personCompletions in counted.GroupBy(c => c.PersonId).OrderBy(g => g.Key))
            {
                var ordered = personCompletions.OrderBy(c => c.Completed).ThenBy(c => c.CourseId, StringComparer.Ordinal).ToList();
                var first = MakeUnit(ordered[0], history, w);
                if (first != null)
                {
                    overallUnits.Add(first);
                }
                else
                {
                    excluded++;
                }

                foreach (var byCourse in ordered.GroupBy(c => c.CourseId, StringComparer.OrdinalIgnoreCase))
                {
                    var unit = MakeUnit(byCourse.First(), history, w);
                    if (unit != null)
                    {
                        courseUnits.Add(unit);
                    }
                }
            }

            result.PeopleWithCompletion = overallUnits.Count + excluded;
            result.TrainedPeople = overallUnits.Count;
            result.ExcludedTrainedPeople = excluded;
            if (overallUnits.Count > 0)
            {
                result.FirstCompletion = spanStart.AddDays(overallUnits.Min(u => u.Day));
                result.LastCompletion = spanStart.AddDays(overallUnits.Max(u => u.Day));
            }

            // Control's daily counts over the span: active people and posts per day.
            var controlActive = new long[spanDays];
            var controlPosts = new long[spanDays];
            foreach (var id in control)
            {
                if (history.TryGetValue(id, out var rows))
                {
                    for (var k = 0; k < rows.Days.Length; k++)
                    {
                        controlActive[rows.Days[k]]++;
                        controlPosts[rows.Days[k]] += rows.Posts[k];
                    }
                }
            }

            var completionDays = overallUnits.Concat(courseUnits).Select(u => u.Day).Distinct().OrderBy(d => d).ToArray();
            var dayIndex = completionDays.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
            foreach (var unit in overallUnits.Concat(courseUnits))
            {
                unit.DayIndex = dayIndex[unit.Day];
            }

            var controlChange = new double[completionDays.Length];
            var controlPostsChange = new double[completionDays.Length];
            var controlBefore = new double[completionDays.Length];
            var controlAfter = new double[completionDays.Length];
            var controlPostsBefore = new double[completionDays.Length];
            var controlPostsAfter = new double[completionDays.Length];
            if (control.Length > 0)
            {
                ControlWindows(controlActive, controlPosts, control.Length, completionDays, controlBefore, controlAfter, controlPostsBefore, controlPostsAfter);
                for (var i = 0; i < completionDays.Length; i++)
                {
                    controlChange[i] = controlAfter[i] - controlBefore[i];
                    controlPostsChange[i] = controlPostsAfter[i] - controlPostsBefore[i];
                }
            }

            // Groups; each grouping partitions the measured people, so complementary suppression applies.
            var measurable = control.Length >= minimum && overallUnits.Count >= minimum;
            var overallGroup = new TrainingEffectGroup { Group = "All" };
            var shownGroups = new List<(TrainingEffectGroup Row, List<Unit> Members)>();
            if (measurable)
            {
                shownGroups.Add((overallGroup, overallUnits));
            }
            else
            {
                result.OverallNote = control.Length == 0 ? "No never-trained people to compare with"
                    : overallUnits.Count == 0 ? "No trained person has both windows covered by the store"
                    : SmallGroups.Note(SuppressionReason.SmallGroup, minimum);
            }

            var titles = counted.GroupBy(c => c.CourseId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().CourseTitle, StringComparer.OrdinalIgnoreCase);
            List<TrainingEffectGroup> Rows(IEnumerable<IGrouping<string, Unit>> grouping, bool withTitle, IComparer<string> order)
            {
                var groups = grouping.Select(g => (Name: g.Key, Members: g.ToList())).OrderBy(g => g.Name, order).ToList();
                var reasons = SmallGroups.Suppress(groups.Select(g => g.Members.Count).ToList(), minimum);
                var rows = new List<TrainingEffectGroup>();
                for (var i = 0; i < groups.Count; i++)
                {
                    var reason = measurable ? reasons[i] : SuppressionReason.SmallGroup;
                    var row = new TrainingEffectGroup
                    {
                        Group = groups[i].Name,
                        Title = withTitle && titles.TryGetValue(groups[i].Name, out var title) ? title : null,
                        Suppression = reason,
                        Note = measurable ? SmallGroups.Note(reason, minimum) : result.OverallNote,
                    };
                    rows.Add(row);
                    if (reason == SuppressionReason.None)
                    {
                        shownGroups.Add((row, groups[i].Members));
                    }
                }

                return rows;
            }

            result.ByCourse = Rows(courseUnits.GroupBy(u => u.CourseId, StringComparer.OrdinalIgnoreCase), true, StringComparer.OrdinalIgnoreCase);
            result.ByCohort = Rows(overallUnits.GroupBy(u => spanStart.AddDays(u.Day).ToString("yyyy-MM", CultureInfo.InvariantCulture)), false, StringComparer.Ordinal);
            result.ByDepartment = Rows(overallUnits.GroupBy(u => people[u.PersonId].GroupValue(ReportGroupBy.Department), StringComparer.Ordinal), false, StringComparer.Ordinal);

            // Point estimates, then one bootstrap shared by every shown group (the same control resample per replicate).
            foreach (var (row, members) in shownGroups)
            {
                row.Figures = PointEstimate(members, control.Length, controlBefore, controlAfter, controlPostsBefore, controlPostsAfter, controlChange, controlPostsChange);
            }

            if (shownGroups.Count > 0 && options.BootstrapReplicates > 0)
            {
                Bootstrap(shownGroups, control, history, completionDays, token);
            }

            result.Overall = measurable ? overallGroup.Figures : null;
            if (options.IncludeIndividuals)
            {
                var label = personLabel ?? (p => p.DisplayName);
                var departmentSizes = overallUnits.GroupBy(u => people[u.PersonId].GroupValue(ReportGroupBy.Department), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                result.People = overallUnits.Select(u =>
                {
                    var person = people[u.PersonId];
                    var department = person.GroupValue(ReportGroupBy.Department);
                    if (!options.IncludeNames && departmentSizes[department] < minimum)
                    {
                        department = $"(department of fewer than {minimum})";
                    }

                    return new TrainedPersonEffect
                    {
                        Person = label(person),
                        Department = department,
                        Course = u.CourseId,
                        Completed = spanStart.AddDays(u.Day),
                        ActiveDaysBefore = u.Before,
                        ActiveDaysAfter = u.After,
                        PostsBefore = u.PostsBefore,
                        PostsAfter = u.PostsAfter,
                        ControlChange = controlChange[u.DayIndex],
                        DifferenceInDifferences = u.After - u.Before - controlChange[u.DayIndex],
                    };
                }).ToList();
            }

            return result;
        }

        private Dictionary<long, History> BuildHistory()
        {
            var order = Enumerable.Range(0, rowPerson.Count).ToArray();
            var sorted = true;
            for (var i = 1; i < rowPerson.Count && sorted; i++)
            {
                sorted = rowPerson[i - 1] < rowPerson[i] || (rowPerson[i - 1] == rowPerson[i] && rowDay[i - 1] <= rowDay[i]);
            }

            // The store streams rows already in person and day order; other callers may not.
            if (!sorted)
            {
                Array.Sort(order, (a, b) =>
                {
                    var byPerson = rowPerson[a].CompareTo(rowPerson[b]);
                    return byPerson != 0 ? byPerson : rowDay[a].CompareTo(rowDay[b]);
                });
            }
            var history = new Dictionary<long, History>();
            var start = 0;
            while (start < order.Length)
            {
                var person = rowPerson[order[start]];
                var end = start;
                var days = new List<int>();
                var posts = new List<int>();
                while (end < order.Length && rowPerson[order[end]] == person)
                {
                    var day = rowDay[order[end]];
                    if (days.Count > 0 && days[days.Count - 1] == day)
                    {
                        posts[posts.Count - 1] += rowPosts[order[end]];
                    }
                    else
                    {
                        days.Add(day);
                        posts.Add(rowPosts[order[end]]);
                    }

                    end++;
                }

                history[person] = new History(days.ToArray(), posts.ToArray());
                start = end;
            }

            return history;
        }

        private Unit? MakeUnit(TrainingCompletion completion, Dictionary<long, History> history, int w)
        {
            var c = (int)(completion.Completed.Date - spanStart).TotalDays;
            var person = people[completion.PersonId];
            if (!FullyCovered(c - w, c - 1) || !FullyCovered(c + 1, c + w))
            {
                return null;
            }

            if (person.HireDate.HasValue && person.HireDate.Value.Date > spanStart.AddDays(c - w))
            {
                return null;
            }

            int before = 0, after = 0, postsBefore = 0, postsAfter = 0;
            if (history.TryGetValue(person.Id, out var rows))
            {
                for (var k = 0; k < rows.Days.Length; k++)
                {
                    var d = rows.Days[k];
                    if (d >= c - w && d < c)
                    {
                        before++;
                        postsBefore += rows.Posts[k];
                    }
                    else if (d > c && d <= c + w)
                    {
                        after++;
                        postsAfter += rows.Posts[k];
                    }
                }
            }

            var perWeek = 7.0 / w;
            return new Unit
            {
                PersonId = person.Id,
                CourseId = completion.CourseId,
                Day = c,
                Before = before * perWeek,
                After = after * perWeek,
                PostsBefore = postsBefore * perWeek,
                PostsAfter = postsAfter * perWeek,
            };
        }

        /// <summary>Control means per person-week in the before and after windows of each completion day, from daily totals.</summary>
        private void ControlWindows(long[] active, long[] posts, int controlCount, int[] completionDays, double[] before, double[] after, double[] postsBefore, double[] postsAfter)
        {
            var w = options.WindowDays;
            var activePrefix = Prefix(active);
            var postsPrefix = Prefix(posts);
            var scale = 7.0 / w / controlCount;
            for (var i = 0; i < completionDays.Length; i++)
            {
                var c = completionDays[i];
                before[i] = (activePrefix[c] - activePrefix[c - w]) * scale;
                after[i] = (activePrefix[c + w + 1] - activePrefix[c + 1]) * scale;
                postsBefore[i] = (postsPrefix[c] - postsPrefix[c - w]) * scale;
                postsAfter[i] = (postsPrefix[c + w + 1] - postsPrefix[c + 1]) * scale;
            }
        }

        private static long[] Prefix(long[] values)
        {
            var prefix = new long[values.Length + 1];
            for (var i = 0; i < values.Length; i++)
            {
                prefix[i + 1] = prefix[i] + values[i];
            }

            return prefix;
        }

        private static TrainingEffectFigures PointEstimate(List<Unit> units, int controlCount, double[] controlBefore, double[] controlAfter, double[] controlPostsBefore, double[] controlPostsAfter, double[] controlChange, double[] controlPostsChange)
        {
            var n = (double)units.Count;
            return new TrainingEffectFigures
            {
                TrainedPeople = units.Count,
                ControlPeople = controlCount,
                TrainedBefore = units.Sum(u => u.Before) / n,
                TrainedAfter = units.Sum(u => u.After) / n,
                ControlBefore = units.Sum(u => controlBefore[u.DayIndex]) / n,
                ControlAfter = units.Sum(u => controlAfter[u.DayIndex]) / n,
                Effect = units.Sum(u => u.After - u.Before - controlChange[u.DayIndex]) / n,
                TrainedPostsBefore = units.Sum(u => u.PostsBefore) / n,
                TrainedPostsAfter = units.Sum(u => u.PostsAfter) / n,
                ControlPostsBefore = units.Sum(u => controlPostsBefore[u.DayIndex]) / n,
                ControlPostsAfter = units.Sum(u => controlPostsAfter[u.DayIndex]) / n,
                PostsEffect = units.Sum(u => u.PostsAfter - u.PostsBefore - controlPostsChange[u.DayIndex]) / n,
            };
        }

        /// <summary>
        /// Percentile bootstrap. Replicate r draws its own stream from the seed, so the result does not depend on how
        /// replicates are spread over threads. Each replicate resamples the control (rebuilding its daily counts) and,
        /// within each shown group, the trained people.
        /// </summary>
        private void Bootstrap(List<(TrainingEffectGroup Row, List<Unit> Members)> groups, long[] control, Dictionary<long, History> history, int[] completionDays, CancellationToken token)
        {
            var replicates = options.BootstrapReplicates;
            var effects = groups.Select(_ => new double[replicates]).ToArray();
            var postsEffects = groups.Select(_ => new double[replicates]).ToArray();
            // The control's days in one flat array (person k's days are start[k] … start[k+1]-1): the inner loop runs
            // replicates × control size times, so it must not chase one small array per person.
            var controlCount = control.Length;
            var start = new int[controlCount + 1];
            for (var k = 0; k < controlCount; k++)
            {
                start[k + 1] = start[k] + (history.TryGetValue(control[k], out var h) ? h.Days.Length : 0);
            }

            var flatDays = new int[start[controlCount]];
            var flatPosts = new int[start[controlCount]];
            for (var k = 0; k < controlCount; k++)
            {
                if (history.TryGetValue(control[k], out var h))
                {
                    Array.Copy(h.Days, 0, flatDays, start[k], h.Days.Length);
                    Array.Copy(h.Posts, 0, flatPosts, start[k], h.Posts.Length);
                }
            }

            var members = groups.Select(g => g.Members.ToArray()).ToArray();

            Parallel.For(
                0,
                replicates,
                new ParallelOptions { CancellationToken = token },
                () => (Active: new long[spanDays], Posts: new long[spanDays], Before: new double[completionDays.Length], After: new double[completionDays.Length], PostsBefore: new double[completionDays.Length], PostsAfter: new double[completionDays.Length]),
                (r, _, scratch) =>
                {
                    var random = SeededRandom.ForStream(options.Seed, r);
                    Array.Clear(scratch.Active, 0, scratch.Active.Length);
                    Array.Clear(scratch.Posts, 0, scratch.Posts.Length);
                    var active = scratch.Active;
                    var posts = scratch.Posts;
                    for (var k = 0; k < controlCount; k++)
                    {
                        var drawn = random.Next(controlCount);
                        for (int j = start[drawn], end = start[drawn + 1]; j < end; j++)
                        {
                            active[flatDays[j]]++;
                            posts[flatDays[j]] += flatPosts[j];
                        }
                    }

                    ControlWindows(active, posts, controlCount, completionDays, scratch.Before, scratch.After, scratch.PostsBefore, scratch.PostsAfter);
                    for (var g = 0; g < members.Length; g++)
                    {
                        var units = members[g];
                        double sum = 0, postsSum = 0;
                        for (var k = 0; k < units.Length; k++)
                        {
                            var u = units[random.Next(units.Length)];
                            sum += u.After - u.Before - (scratch.After[u.DayIndex] - scratch.Before[u.DayIndex]);
                            postsSum += u.PostsAfter - u.PostsBefore - (scratch.PostsAfter[u.DayIndex] - scratch.PostsBefore[u.DayIndex]);
                        }

                        effects[g][r] = sum / units.Length;
                        postsEffects[g][r] = postsSum / units.Length;
                    }

                    return scratch;
                },
                _ => { });

            for (var g = 0; g < groups.Count; g++)
            {
                var figures = groups[g].Row.Figures!;
                Array.Sort(effects[g]);
                Array.Sort(postsEffects[g]);
                figures.IntervalLow = Quantile(effects[g], 0.025);
                figures.IntervalHigh = Quantile(effects[g], 0.975);
                figures.PostsIntervalLow = Quantile(postsEffects[g], 0.025);
                figures.PostsIntervalHigh = Quantile(postsEffects[g], 0.975);
            }
        }

        /// <summary>Linear interpolation between order statistics (the usual "type 7" quantile) of sorted values.</summary>
        internal static double Quantile(double[] sorted, double p)
        {
            if (sorted.Length == 1)
            {
                return sorted[0];
            }

            var position = p * (sorted.Length - 1);
            var lower = (int)Math.Floor(position);
            var upper = Math.Min(sorted.Length - 1, lower + 1);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }

        private sealed class History
        {
            public History(int[] days, int[] posts)
            {
                Days = days;
                Posts = posts;
            }

            public int[] Days { get; }

            public int[] Posts { get; }
        }

        private sealed class Unit
        {
            public long PersonId { get; set; }

            public string CourseId { get; set; } = string.Empty;

            public int Day { get; set; }

            public int DayIndex { get; set; }

            public double Before { get; set; }

            public double After { get; set; }

            public double PostsBefore { get; set; }

            public double PostsAfter { get; set; }
        }
    }
}
