using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using SocialToolkit.Core.Analytics.Privacy;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// The training effect as group-time differences in differences in the manner of Callaway and Sant'Anna (2021), on
    /// calendar weeks. A trained person's cohort is the week of their completion; their before window is the
    /// <see cref="TrainingEffectOptions.WindowWeeks"/> whole weeks ending before the course work began (the assignment
    /// date, else <see cref="TrainingEffectOptions.AnticipationDays"/> before completion); their after window the same
    /// number of weeks after the completion week. Each cohort is compared with the people who completed none of the counted
    /// courses, over the same calendar weeks, each counted only on weeks they were staff the whole week. Estimates are
    /// averages over trained people of (their change − the comparison group's change), never a pooled two-way fixed
    /// effects regression (Goodman-Bacon 2021). Intervals come from <see cref="ClusterBootstrap"/> over the estimates'
    /// influence functions summed per cluster.
    /// </summary>
    public sealed class TrainingEffectCalculator
    {
        private readonly TrainingEffectOptions options;
        private readonly List<DateTime> coveredDays;
        private readonly Dictionary<long, ReportPerson> people = new Dictionary<long, ReportPerson>();
        private readonly List<TrainingCompletion> completions = new List<TrainingCompletion>();
        private readonly List<(long Person, DateTime Day, int Posts, int Network)> rows = new List<(long, DateTime, int, int)>();
        private readonly Dictionary<string, int> networkIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        /// <param name="options">Windows, course filter, thresholds and resampling settings.</param>
        /// <param name="coveredDays">Days for which the store holds every network's activity.</param>
        public TrainingEffectCalculator(TrainingEffectOptions options, IEnumerable<DateTime> coveredDays)
        {
            if (options.WindowDays < 1)
            {
                throw new ArgumentException("The window must be at least one day.", nameof(options));
            }

            if (options.WeeksBefore < 2 || options.WeeksAfter < 1 || options.WeeksBefore > TrainingEffectOptions.MaximumEventWeeks || options.WeeksAfter > TrainingEffectOptions.MaximumEventWeeks)
            {
                throw new ArgumentException("The event study needs 2 to 52 weeks before and 1 to 52 after completion.", nameof(options));
            }

            if (options.AnticipationDays < 0)
            {
                throw new ArgumentException("Anticipation days cannot be negative.", nameof(options));
            }

            this.options = options;
            this.coveredDays = coveredDays.Select(d => d.Date).Distinct().OrderBy(d => d).ToList();
        }

        /// <summary>The left-out reason of trained people whose windows the store does not cover.</summary>
        public const string WindowNotCovered = "Window not covered by the store";

        public void AddPerson(ReportPerson person) => people[person.Id] = person;

        public void AddCompletion(TrainingCompletion completion) => completions.Add(completion);

        /// <summary>A day on which the person posted or replied (with that day's posts); a day may be given once per network.</summary>
        public void AddContribution(long personId, DateTime day, int posts) => rows.Add((personId, day.Date, posts, -1));

        /// <summary>A day on which the person posted or replied on <paramref name="network"/>, with that day's posts there.</summary>
        public void AddContribution(long personId, DateTime day, int posts, string network)
        {
            if (!networkIndex.TryGetValue(network, out var index))
            {
                index = networkIndex.Count;
                networkIndex[network] = index;
            }

            rows.Add((personId, day.Date, posts, index));
        }

        /// <summary>
        /// Computes the effect and its breakdowns and decides, through <see cref="DisclosureControl"/>, what may be shown
        /// given what <paramref name="ledger"/> says the store published before (null: this workbook judged on its own).
        /// Record <see cref="TrainingEffectResult.Releases"/> in the ledger once the workbook is written.
        /// </summary>
        public TrainingEffectResult Build(Func<ReportPerson, string>? personLabel = null, CancellationToken token = default, IReleaseLedger? ledger = null)
        {
            var result = new TrainingEffectResult
            {
                Options = options,
                CoveredFrom = coveredDays.Count == 0 ? (DateTime?)null : coveredDays[0],
                CoveredTo = coveredDays.Count == 0 ? (DateTime?)null : coveredDays[coveredDays.Count - 1],
            };

            var ordered = people.Values.OrderBy(p => p.Id).ToList();
            var index = new Dictionary<long, int>(ordered.Count);
            for (var i = 0; i < ordered.Count; i++)
            {
                index[ordered[i].Id] = i;
            }

            // With -Network, only that network's days count, in the headline and everywhere else.
            var only = options.Network == null ? -2 : networkIndex.TryGetValue(options.Network, out var chosen) ? chosen : -3;
            IEnumerable<(int, DateTime, int, int)> Indexed()
            {
                foreach (var r in rows)
                {
                    if ((only == -2 || r.Network == only) && index.TryGetValue(r.Person, out var person))
                    {
                        yield return (person, r.Day, r.Posts, r.Network);
                    }
                }
            }

            var panel = WeeklyPanel.Build(ordered, coveredDays, Indexed(), networkIndex.Count);
            rows.Clear();
            token.ThrowIfCancellationRequested();

            var courseFilter = options.Courses.Count == 0 ? null : new HashSet<string>(options.Courses, StringComparer.OrdinalIgnoreCase);
            var counted = completions
                .Where(c => courseFilter == null || courseFilter.Contains(c.CourseId))
                .Where(c => index.ContainsKey(c.PersonId))
                .OrderBy(c => c.PersonId).ThenBy(c => c.Completed).ThenBy(c => c.CourseId, StringComparer.Ordinal)
                .ToList();
            var trainedPeople = new HashSet<int>(counted.Select(c => index[c.PersonId]));
            var controls = Enumerable.Range(0, ordered.Count).Where(p => !trainedPeople.Contains(p)).ToArray();

            var k = options.WindowWeeks;
            var cells = new Dictionary<(int G, int B), int>();
            var cellList = new List<(int G, int B)>();
            Unit MakeUnit(TrainingCompletion completion)
            {
                var person = index[completion.PersonId];
                var completed = completion.Completed.Date;
                var cut = completion.Assigned.HasValue && completion.Assigned.Value.Date < completed && (completed - completion.Assigned.Value.Date).TotalDays <= TrainingEffectOptions.MaximumAnticipationDays
                    ? completion.Assigned.Value.Date
                    : completed.AddDays(-options.AnticipationDays);
                var g = panel.WeekOf(completed);
                var b = Math.Min(g - 1, panel.WeekOf(cut) - 1);
                if (!cells.TryGetValue((g, b), out var cell))
                {
                    cell = cells.Count;
                    cells[(g, b)] = cell;
                    cellList.Add((g, b));
                }

                return new Unit(person, completion.CourseId, completion.CourseTitle, completed, g, b, cell);
            }

            var overallUnits = new List<Unit>();
            var courseUnits = new List<Unit>();
            foreach (var personCompletions in counted.GroupBy(c => c.PersonId))
            {
                var list = personCompletions.ToList();
                overallUnits.Add(MakeUnit(list[0]));
                foreach (var byCourse in list.GroupBy(c => c.CourseId, StringComparer.OrdinalIgnoreCase))
                {
                    courseUnits.Add(MakeUnit(byCourse.First()));
                }
            }

            result.PeopleWithCompletion = overallUnits.Count;

            // Measurable units (trained side): both windows covered and the person staff on every week of them.
            bool Measured(Unit u) => panel.UsableRange(u.Person, u.B - k + 1, u.B) && panel.UsableRange(u.Person, u.G + 1, u.G + k);
            var measuredOverall = overallUnits.Where(Measured).ToList();
            var measuredCourse = courseUnits.Where(Measured).ToList();
            result.LeftOut = LeftOut(overallUnits.Where(u => !Measured(u)).ToList(), controls, ordered, panel, k);
            result.ExcludedTrainedPeople = overallUnits.Count - measuredOverall.Count;

            var clusterOf = ClusterIds(ordered, out var clusterCount);

            // The statistics: the headline and its breakdown rows (active days and posts), the placebo, the inactive-to-active
            // share, the event-study weeks.
            var stats = new List<Statistic>();
            Statistic Add(Outcome outcome, IEnumerable<Unit> units, int week = 0)
            {
                var statistic = new Statistic(stats.Count, outcome, week, units.ToList(), ordered.Count);
                stats.Add(statistic);
                return statistic;
            }

            var overall = Add(Outcome.ActiveDays, measuredOverall);
            var overallPosts = Add(Outcome.Posts, measuredOverall);
            var placebo = Add(Outcome.Placebo, overallUnits);
            var inactive = Add(Outcome.InactiveBecameActive, measuredOverall);
            var weeks = new List<Statistic>();
            for (var e = -options.WeeksBefore; e <= options.WeeksAfter; e++)
            {
                weeks.Add(Add(Outcome.Week, overallUnits, e));
            }

            // Privacy: every figure is about the trained people it averages (the comparison group is protected apart, below).
            // Figures that measure the same thing share a frame, whatever the -Course filter (subtraction works across
            // filters) and whatever the period (a person's windows are the same calendar weeks in every period that covers
            // them, so their figures are too); the window length changes everyone's figures, so it is part of the frame.
            var minimum = Math.Max(1, options.MinimumGroupSize);
            var releases = new List<DisclosureDecision>();
            var countedNetworks = options.Network != null ? new[] { options.Network }
                : options.CoveredNetworks.Count > 0 ? options.CoveredNetworks : (IReadOnlyList<string>)networkIndex.Keys.ToList();
            long Id(Unit u) => ordered[u.Person].Id;
            var titles = counted.GroupBy(c => c.CourseId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().CourseTitle, StringComparer.OrdinalIgnoreCase);
            List<(string Name, List<Unit> Members)> Grouped(IEnumerable<IGrouping<string, Unit>> grouping, IComparer<string> order) =>
                grouping.Select(g => (Name: g.Key, Members: g.ToList())).OrderBy(g => g.Name, order).ToList();
            var courseGroups = Grouped(measuredCourse.GroupBy(u => u.Course, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
            var cohortGroups = Grouped(measuredOverall.GroupBy(u => u.Completed.ToString("yyyy-MM", CultureInfo.InvariantCulture)), StringComparer.Ordinal);
            var departmentGroups = Grouped(measuredOverall.GroupBy(u => ordered[u.Person].GroupValue(ReportGroupBy.Department), StringComparer.Ordinal), StringComparer.Ordinal);
            var frame = Frame(countedNetworks, string.Empty);
            var main = DisclosureControl.Protect(new DisclosureRequest(frame, minimum, measuredOverall.Select(Id)) { Ledger = ledger, ContributionDiffers = SameMeasure(frame) }
                .Add(new DisclosureTable(CourseTable, courseGroups.Select(g => g.Members.Select(Id)), partitionsTotal: false))
                .Add(new DisclosureTable(CohortTable, cohortGroups.Select(g => g.Members.Select(Id)), partitionsTotal: true))
                .Add(new DisclosureTable(DepartmentTable, departmentGroups.Select(g => g.Members.Select(Id)), partitionsTotal: true)));
            releases.Add(main);
            var measurable = main.TotalShown;
            var breakdowns = new List<(TrainingEffectGroup Row, Statistic Active, Statistic? Posts)>();
            List<TrainingEffectGroup> Rows(List<(string Name, List<Unit> Members)> groups, IReadOnlyList<SuppressionReason> reasons, bool withTitle)
            {
                var list = new List<TrainingEffectGroup>();
                for (var i = 0; i < groups.Count; i++)
                {
                    var reason = reasons[i];
                    var row = new TrainingEffectGroup
                    {
                        Group = groups[i].Name,
                        Title = withTitle && titles.TryGetValue(groups[i].Name, out var title) ? title : null,
                        Suppression = reason,
                        Note = SmallGroups.Note(reason, minimum, options.Labels),
                    };
                    list.Add(row);
                    if (reason == SuppressionReason.None)
                    {
                        breakdowns.Add((row, Add(Outcome.ActiveDays, groups[i].Members), Add(Outcome.Posts, groups[i].Members)));
                    }
                }

                return list;
            }

            result.ByCourse = Rows(courseGroups, main.For(CourseTable), true);
            result.ByCohort = Rows(cohortGroups, main.For(CohortTable), false);
            result.ByDepartment = Rows(departmentGroups, main.For(DepartmentTable), false);

            // By network: the same trained people, each network's active days in turn. A row measures what the headline of
            // a -Network report on that network measures, so it is judged in that network's frame.
            var networkRows = new List<TrainingEffectGroup>();
            foreach (var network in networkIndex.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                if (only != -2 && network.Value != only)
                {
                    continue;
                }

                var reason = main.Total;
                if (reason == SuppressionReason.None)
                {
                    var networkFrame = Frame(new[] { network.Key }, string.Empty);
                    var decision = DisclosureControl.Protect(new DisclosureRequest(networkFrame, minimum, measuredOverall.Select(Id)) { Ledger = ledger, ContributionDiffers = SameMeasure(networkFrame) });
                    releases.Add(decision);
                    reason = decision.Total;
                }

                var row = new TrainingEffectGroup { Group = network.Key, Suppression = reason, Note = SmallGroups.Note(reason, minimum, options.Labels) };
                networkRows.Add(row);
                if (reason == SuppressionReason.None)
                {
                    breakdowns.Add((row, Add(Outcome.NetworkActiveDays, measuredOverall, network.Value), null));
                }
            }

            result.ByNetwork = networkRows;

            var ratio = new RatioAccumulator(clusterCount);
            var sums = new Accumulators(clusterCount, stats.Count);
            Estimate(stats, cellList, controls, panel, clusterOf, sums, ratio, token);
            var estimates = stats.Select(s => s.Finish()).ToList();
            var (clusterSums, trainedShares, compacted) = sums.ClusterSums(stats, estimates, ratio);
            var ratioIndex = -1;
            if (ratio.Valid)
            {
                ratioIndex = estimates.Count;
                estimates.Add(ratio.Estimate);
            }

            result.Clusters = compacted;
            result.ClustersWithTrained = measuredOverall.Select(u => clusterOf[u.Person]).Distinct().Count();
            var bootstrap = ClusterBootstrap.Run(clusterSums, trainedShares, estimates, compacted, options.BootstrapReplicates, options.Seed, token);
            result.IntervalMethod = bootstrap.Method;

            // An interval needs enough trained people, and trained people in two clusters at least: with one, nothing tells
            // that cluster's own ups and downs from an effect.
            bool IntervalAllowed(Statistic statistic) => bootstrap.Method != IntervalMethod.None && statistic.Measured >= options.MinimumTrained && statistic.TrainedClusters >= 2;
            EffectEstimate Pointwise(Statistic statistic, int index = -1)
            {
                index = index < 0 ? statistic.Index : index;
                var estimate = new EffectEstimate { Value = estimates[index], StandardError = bootstrap.StandardErrors[index] };
                var interval = IntervalAllowed(statistic) ? bootstrap.Interval(index) : null;
                if (interval == null && IntervalAllowed(statistic) && bootstrap.Method != IntervalMethod.ClusterResampling)
                {
                    // The restricted test cannot bound it (trained people in a handful of clusters): a t interval whose degrees
                    // of freedom are the trained clusters less one (in the spirit of Donald and Lang 2007), wide but finite.
                    var critical = TrainingEffectMath.StudentT975(statistic.TrainedClusters - 1);
                    interval = (estimate.Value - critical * estimate.StandardError, estimate.Value + critical * estimate.StandardError);
                    estimate.FewClusters = true;
                }

                estimate.Low = interval?.Low;
                estimate.High = interval?.High;
                return estimate;
            }

            EffectEstimate Simultaneous(Statistic statistic, double critical)
            {
                var estimate = new EffectEstimate { Value = estimates[statistic.Index], StandardError = bootstrap.StandardErrors[statistic.Index] };
                if (IntervalAllowed(statistic) && !double.IsNaN(critical))
                {
                    estimate.Low = estimate.Value - critical * estimate.StandardError;
                    estimate.High = estimate.Value + critical * estimate.StandardError;
                }

                return estimate;
            }

            // The comparison group's figures (its before/after, and through the effect every row's) are about the people it
            // averages: across -Course filters it differs by the people trained only in the courses one filter adds. Judged in
            // the headline's frame for this period only: another period mixes other calendar weeks into each figure. When it
            // cannot be shown, nothing about the effect can.
            if (measurable && overall.Measured > 0)
            {
                var comparisonFrame = Frame(countedNetworks, "comparison");
                var comparison = DisclosureControl.Protect(new DisclosureRequest(comparisonFrame, minimum, overall.ControlIndices().Select(i => ordered[i].Id)) { Ledger = ledger });
                releases.Add(comparison);
                if (!comparison.TotalShown)
                {
                    measurable = false;
                    result.HeadlineSuppression = comparison.Total;
                    foreach (var (row, _, _) in breakdowns)
                    {
                        row.Suppression = comparison.Total;
                        row.Note = SmallGroups.Note(comparison.Total, minimum, options.Labels);
                    }

                    breakdowns.Clear();
                    releases.Clear();
                }
            }
            else if (!measurable)
            {
                result.HeadlineSuppression = main.Total;
            }

            // Headline.
            if (!measurable)
            {
                result.OverallNote = overall.Units.Count == 0 ? options.Labels["te.note.noTrainedCovered"]
                    : SmallGroups.Note(result.HeadlineSuppression == SuppressionReason.None ? SuppressionReason.SmallGroup : result.HeadlineSuppression, minimum, options.Labels);
            }
            else if (overall.Measured == 0)
            {
                result.OverallNote = options.Labels["te.note.noComparisonEmployed"];
            }
            else
            {
                result.Overall = Figures(overall, overallPosts, Pointwise(overall), Pointwise(overallPosts), bootstrap.Method);
            }

            result.TrainedPeople = overall.Measured;
            result.ControlPeople = overall.ControlPeople;
            if (overall.Measured > 0)
            {
                result.FirstCompletion = overall.Units.Min(u => u.Completed);
                result.LastCompletion = overall.Units.Max(u => u.Completed);
            }

            if (result.Overall != null)
            {
                var placeboShown = Shown(placebo, "placebo");
                var inactiveShown = Shown(inactive, "inactive-became-active");
                result.Placebo = placeboShown ? Pointwise(placebo) : null;
                result.InactiveBecameActive = inactiveShown ? Pointwise(inactive) : null;
                if (inactiveShown)
                {
                    result.TrainedInactiveBecameActiveShare = inactive.SumAfter / inactive.Measured;
                    result.ControlInactiveBecameActiveShare = inactive.SumControlAfter / inactive.Measured;
                }

                result.RelativeEffect = overall.SumBefore > 0 ? result.Overall.Effect / (overall.SumBefore / overall.Measured) : (double?)null;
                result.RatioEffect = ratio.Valid ? Pointwise(overall, ratioIndex) : null;
            }

            // Event study: a simultaneous (sup-t) band over the weeks shown.
            var gap = overall.Units.Count == 0 ? 1 : overall.Units.Max(u => u.G - u.B);
            // Each event-study week is a measure of its own (that week against the before window), about the trained people
            // measured that week: one frame per week, whatever -EventWeeks shows.
            var shownWeekSet = new HashSet<Statistic>(measurable ? weeks.Where(w => Shown(w, "week=" + w.Week.ToString(CultureInfo.InvariantCulture))) : Enumerable.Empty<Statistic>());
            var shownWeeks = weeks.Where(shownWeekSet.Contains).ToList();
            var bandWeeks = shownWeeks.Where(IntervalAllowed).ToList();
            var band = bootstrap.CriticalValue(bandWeeks.Select(w => w.Index).ToList());

            // With resampled clusters (30 or more) a sup-t band, simultaneous over the weeks shown. With wild draws (few clusters)
            // each week's own restricted interval: unrestricted sup-t bands are too narrow there, and a Bonferroni band too
            // wide to be bounded; the pre-trend check answers the joint question.
            EffectEstimate WeekBand(Statistic week) => bootstrap.Method == IntervalMethod.ClusterResampling || !IntervalAllowed(week) ? Simultaneous(week, band) : Pointwise(week);

            result.EventStudy = weeks.Select(w =>
            {
                var row = new EventStudyWeek
                {
                    Week = w.Week,
                    TrainedPeople = shownWeekSet.Contains(w) ? w.Measured : (int?)null,
                    ControlPeople = shownWeekSet.Contains(w) ? w.ControlPeople : (int?)null,
                    PreTrendWeek = w.Week <= -2 && w.Week <= -gap,
                    Reference = w.Week < 0 && w.Week > -gap - k && w.Week <= -gap,
                    Anticipation = w.Week < 0 && w.Week > -gap,
                };
                if (shownWeekSet.Contains(w))
                {
                    row.Effect = estimates[w.Index];
                    var estimate = WeekBand(w);
                    row.Low = estimate.Low;
                    row.High = estimate.High;
                }

                return row;
            }).ToList();

            // Pre-trend check: the tested pre-period weeks jointly against zero, with the same draws.
            var tested = weeks.Where(w => w.Week <= -2 && w.Week <= -gap && IntervalAllowed(w) && bootstrap.StandardErrors[w.Index] > 0).ToList();
            if (result.Overall != null && tested.Count >= 2)
            {
                // The placebo (the same comparison one window earlier) is a pre-period coefficient too, and the one with the
                // most power against a steady trend: it joins the test when it can be measured.
                var family = tested.Select(w => w.Index).ToList();
                if (IntervalAllowed(placebo) && bootstrap.StandardErrors[placebo.Index] > 0)
                {
                    family.Add(placebo.Index);
                }

                result.PreTrendPValue = bootstrap.JointPValue(family);
                result.PreTrend = result.PreTrendPValue < 0.05 ? PreTrendCheck.Failed : PreTrendCheck.Passed;
                result.LargestPreTrendDeviation = tested.Max(w => Math.Abs(estimates[w.Index]));
                var o = result.Overall;
                if (o.Significant && result.LargestPreTrendDeviation > 0)
                {
                    var margin = o.Effect > 0 ? o.IntervalLow!.Value : -o.IntervalHigh!.Value;
                    result.BreakdownMultiple = margin / result.LargestPreTrendDeviation;
                }
            }

            // Breakdown rows: intervals widened together for the number of rows shown (sup-t).
            var rowsCompared = breakdowns.Where(b => IntervalAllowed(b.Active)).Select(b => b.Active.Index).ToList();
            result.BreakdownRowsCompared = rowsCompared.Count;
            var familyCritical = bootstrap.CriticalValue(rowsCompared);

            // Wild draws (few clusters): each row's restricted test at level α / rows (Bonferroni, the interval form of Holm),
            // because unrestricted sup-t bands are too narrow when a row's trained people sit in two or three clusters.
            // Resampled clusters: a sup-t band over the rows.
            EffectEstimate Adjusted(Statistic statistic)
            {
                if (bootstrap.Method == IntervalMethod.ClusterResampling || !IntervalAllowed(statistic))
                {
                    return Simultaneous(statistic, familyCritical);
                }

                var estimate = new EffectEstimate { Value = estimates[statistic.Index], StandardError = bootstrap.StandardErrors[statistic.Index] };
                var interval = bootstrap.Interval(statistic.Index, 0.05 / Math.Max(1, rowsCompared.Count));
                estimate.Low = interval?.Low;
                estimate.High = interval?.High;
                return estimate;
            }
            foreach (var (row, active, posts) in breakdowns)
            {
                if (active.Measured == 0)
                {
                    row.Note = options.Labels["te.note.noComparison"];
                    continue;
                }

                row.Figures = Figures(active, posts, Adjusted(active), posts == null ? null : Pointwise(posts), bootstrap.Method);
                row.Note = row.Figures.Note;
            }

            if (options.IncludeIndividuals && measurable)
            {
                var label = personLabel ?? (p => p.DisplayName);
                // A People sheet never labels a row with a group hidden elsewhere: its rows would give that group's figures.
                var shownDepartments = ShownNames(departmentGroups, result.ByDepartment);
                var shownCourses = ShownNames(courseGroups, result.ByCourse);
                var shownCohorts = ShownNames(cohortGroups, result.ByCohort);
                result.People = overall.Units.Where(u => u.Individual != null).Select(u =>
                {
                    var person = ordered[u.Person];
                    var department = person.GroupValue(ReportGroupBy.Department);
                    if (!shownDepartments.Contains(department))
                    {
                        department = HiddenLabel;
                    }

                    var figures = u.Individual!;
                    return new TrainedPersonEffect
                    {
                        Person = label(person),
                        Department = department,
                        Course = shownCourses.Contains(u.Course) ? u.Course : HiddenLabel,
                        Completed = shownCohorts.Contains(u.Completed.ToString("yyyy-MM", CultureInfo.InvariantCulture)) ? u.Completed : (DateTime?)null,
                        ActiveDaysBefore = figures.Before,
                        ActiveDaysAfter = figures.After,
                        PostsBefore = figures.PostsBefore,
                        PostsAfter = figures.PostsAfter,
                        ControlChange = figures.ControlChange,
                        DifferenceInDifferences = figures.After - figures.Before - figures.ControlChange,
                    };
                }).ToList();
            }

            result.Releases = releases;
            TrainingEffectVerdict.Write(result);
            return result;

            // A figure of its own frame, shown when its population is large enough and consistent with what was published.
            bool Shown(Statistic statistic, string measure)
            {
                var statisticFrame = Frame(countedNetworks, measure);
                var decision = DisclosureControl.Protect(new DisclosureRequest(statisticFrame, minimum, statistic.MeasuredIndices().Select(i => ordered[i].Id)) { Ledger = ledger, ContributionDiffers = SameMeasure(statisticFrame) });
                if (decision.TotalShown)
                {
                    releases.Add(decision);
                }

                return decision.TotalShown;
            }
        }

        /// <summary>What a People sheet shows in place of a group hidden on a breakdown sheet.</summary>
        public const string HiddenLabel = "(hidden)";

        private const string CourseTable = "ByCourse";
        private const string CohortTable = "ByCohort";
        private const string DepartmentTable = "ByDepartment";

        private static HashSet<string> ShownNames(List<(string Name, List<Unit> Members)> groups, IReadOnlyList<TrainingEffectGroup> rows) =>
            new HashSet<string>(groups.Where((g, i) => rows[i].Suppression == SuppressionReason.None).Select(g => g.Name), StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The frame of one measure: the report family, the covered period (recorded, not compared: see <see cref="SameMeasure"/>),
        /// the networks counted, the window in whole weeks (28 and 27 days measure the same weeks) and the measure's name.
        /// Neither -Course, -EventWeeks nor -AnticipationDays is part of it: figures from different values of these are
        /// compared as one measure (for an assignment date, -AnticipationDays changes no one's windows).
        /// </summary>
        private ReleaseFrame Frame(IEnumerable<string> networks, string measure) =>
            new ReleaseFrame(
                TrainingEffectOptions.ReleaseFamily,
                coveredDays.Count == 0 ? DateTime.MinValue : coveredDays[0],
                coveredDays.Count == 0 ? DateTime.MinValue : coveredDays[coveredDays.Count - 1],
                networks,
                "window=" + options.WindowWeeks.ToString(CultureInfo.InvariantCulture) + (measure.Length == 0 ? string.Empty : ";" + measure));

        /// <summary>
        /// Figures of another period with the same networks and measure are compared as one frame: a trained person's windows
        /// are fixed calendar weeks, the same in every period that covers them, so subtracting two periods' figures isolates
        /// the people measured in one and not the other. Other networks or measures change every person's figures.
        /// </summary>
        private static Func<long, ReleaseFrame, bool> SameMeasure(ReleaseFrame mine) => (_, other) => !other.SameNetworksAndSettings(mine);

        private TrainingEffectFigures Figures(Statistic active, Statistic? posts, EffectEstimate effect, EffectEstimate? postsEffect, IntervalMethod method)
        {
            var n = (double)active.Measured;
            var figures = new TrainingEffectFigures
            {
                TrainedPeople = active.Measured,
                ControlPeople = active.ControlPeople,
                TrainedBefore = active.SumBefore / n,
                TrainedAfter = active.SumAfter / n,
                ControlBefore = active.SumControlBefore / n,
                ControlAfter = active.SumControlAfter / n,
                Effect = effect.Value,
                IntervalLow = effect.Low,
                IntervalHigh = effect.High,
                StandardError = effect.StandardError,
                FewClusters = effect.FewClusters,
            };
            if (posts != null && postsEffect != null && posts.Measured > 0)
            {
                var m = (double)posts.Measured;
                figures.TrainedPostsBefore = posts.SumBefore / m;
                figures.TrainedPostsAfter = posts.SumAfter / m;
                figures.ControlPostsBefore = posts.SumControlBefore / m;
                figures.ControlPostsAfter = posts.SumControlAfter / m;
                figures.PostsEffect = postsEffect.Value;
                figures.PostsIntervalLow = postsEffect.Low;
                figures.PostsIntervalHigh = postsEffect.High;
            }

            if (!effect.Low.HasValue)
            {
                figures.Note = method == IntervalMethod.None ? options.Labels["te.note.noIntervalClusters"]
                    : active.Measured < options.MinimumTrained ? options.Labels["te.note.noIntervalFewTrained", options.MinimumTrained]
                    : active.TrainedClusters < 2 ? options.Labels["te.note.noIntervalOneCluster." + options.ClusterBy]
                    : options.Labels["te.note.noIntervalFewClusters", TrainingEffectVerdict.ClusterWord(options.Labels, options.ClusterBy, 2)];
            }

            return figures;
        }

        /// <summary>
        /// One pass per cohort cell: the comparison people's before level is read once, then every statistic of the cell is
        /// accumulated. Control means are per cell, each trained unit is compared with the mean of its own cell.
        /// </summary>
        private void Estimate(List<Statistic> stats, List<(int G, int B)> cellList, int[] controls, WeeklyPanel panel, int[] clusterOf, Accumulators sums, RatioAccumulator ratio, CancellationToken token)
        {
            var k = options.WindowWeeks;
            var byCell = new List<(Statistic Statistic, List<Unit> Units)>[cellList.Count];
            for (var c = 0; c < cellList.Count; c++)
            {
                byCell[c] = new List<(Statistic, List<Unit>)>();
            }

            foreach (var statistic in stats)
            {
                foreach (var group in statistic.Units.GroupBy(u => u.Cell))
                {
                    byCell[group.Key].Add((statistic, group.ToList()));
                }
            }

            var controlBefore = new double[controls.Length];
            var controlPostsBefore = new double[controls.Length];
            var values = new (int Person, double Before, double After)[controls.Length];
            for (var cell = 0; cell < cellList.Count; cell++)
            {
                token.ThrowIfCancellationRequested();
                var (g, b) = cellList[cell];
                var baseFrom = b - k + 1;
                if (byCell[cell].Count == 0 || !panel.CoveredRange(baseFrom, b))
                {
                    continue;
                }

                for (var i = 0; i < controls.Length; i++)
                {
                    var j = controls[i];
                    if (panel.UsableRange(j, baseFrom, b))
                    {
                        controlBefore[i] = panel.MeanActive(j, baseFrom, b);
                        controlPostsBefore[i] = panel.MeanPosts(j, baseFrom, b);
                    }
                    else
                    {
                        controlBefore[i] = double.NaN;
                    }
                }

                foreach (var group in byCell[cell].GroupBy(x => (x.Statistic.Outcome, x.Statistic.Week)))
                {
                    var (outcome, week) = group.Key;
                    var count = 0;
                    double sumBefore = 0, sumAfter = 0;
                    for (var i = 0; i < controls.Length; i++)
                    {
                        if (double.IsNaN(controlBefore[i]))
                        {
                            continue;
                        }

                        if (Evaluate(outcome, week, controls[i], g, b, controlBefore[i], controlPostsBefore[i], panel, out var before, out var after))
                        {
                            values[count++] = (controls[i], before, after);
                            sumBefore += before;
                            sumAfter += after;
                        }
                    }

                    if (count == 0)
                    {
                        continue;
                    }

                    var meanBefore = sumBefore / count;
                    var meanAfter = sumAfter / count;
                    var meanChange = meanAfter - meanBefore;
                    foreach (var (statistic, units) in group)
                    {
                        var measured = 0;
                        double trainedBaseSum = 0;
                        foreach (var unit in units)
                        {
                            var baseActive = panel.UsableRange(unit.Person, baseFrom, b) ? panel.MeanActive(unit.Person, baseFrom, b) : double.NaN;
                            var basePosts = double.IsNaN(baseActive) ? double.NaN : panel.MeanPosts(unit.Person, baseFrom, b);
                            if (double.IsNaN(baseActive) || !Evaluate(outcome, week, unit.Person, g, b, baseActive, basePosts, panel, out var before, out var after))
                            {
                                continue;
                            }

                            measured++;
                            statistic.Record(unit.Person, clusterOf[unit.Person], before, after, meanBefore, meanAfter, sums);
                            if (statistic.Index == 0)
                            {
                                trainedBaseSum += before;
                                ratio.AddTrained(clusterOf[unit.Person], after, before, meanBefore > 0 ? meanAfter / meanBefore : double.NaN);
                                unit.Individual = new IndividualFigures(before, after, panel.MeanPosts(unit.Person, baseFrom, b), panel.MeanPosts(unit.Person, g + 1, g + k), meanChange);
                            }
                        }

                        if (measured == 0)
                        {
                            continue;
                        }

                        // Each comparison person's share of the cell mean, weighted by the trained people it serves.
                        for (var i = 0; i < count; i++)
                        {
                            var v = values[i];
                            sums.AddControl(clusterOf[v.Person], statistic.Index, -measured * ((v.After - v.Before) - meanChange) / count);
                            statistic.MarkControl(v.Person);
                        }

                        if (statistic.Index == 0 && meanBefore > 0)
                        {
                            var m = meanAfter / meanBefore;
                            for (var i = 0; i < count; i++)
                            {
                                var v = values[i];
                                ratio.AddControl(clusterOf[v.Person], trainedBaseSum * ((v.After - meanAfter) - m * (v.Before - meanBefore)) / (count * meanBefore));
                            }
                        }
                    }
                }
            }
        }

        /// <summary>A person's before and after values for an outcome in a cell (false when a week needed is not usable).</summary>
        private bool Evaluate(Outcome outcome, int week, int person, int g, int b, double baseActive, double basePosts, WeeklyPanel panel, out double before, out double after)
        {
            var k = options.WindowWeeks;
            before = after = 0;
            switch (outcome)
            {
                case Outcome.ActiveDays:
                    if (!panel.UsableRange(person, g + 1, g + k))
                    {
                        return false;
                    }

                    before = baseActive;
                    after = panel.MeanActive(person, g + 1, g + k);
                    return true;
                case Outcome.Posts:
                    if (!panel.UsableRange(person, g + 1, g + k))
                    {
                        return false;
                    }

                    before = basePosts;
                    after = panel.MeanPosts(person, g + 1, g + k);
                    return true;
                case Outcome.InactiveBecameActive:
                    if (baseActive > 0 || !panel.UsableRange(person, g + 1, g + k))
                    {
                        return false;
                    }

                    after = panel.MeanActive(person, g + 1, g + k) > 0 ? 1 : 0;
                    return true;
                case Outcome.Placebo:
                    if (!panel.UsableRange(person, b - 2 * k + 1, b - k))
                    {
                        return false;
                    }

                    before = panel.MeanActive(person, b - 2 * k + 1, b - k);
                    after = baseActive;
                    return true;
                case Outcome.NetworkActiveDays:
                    if (!panel.UsableRange(person, g + 1, g + k))
                    {
                        return false;
                    }

                    before = panel.MeanActiveOn(week, person, b - k + 1, b);
                    after = panel.MeanActiveOn(week, person, g + 1, g + k);
                    return true;
                default:
                    if (!panel.Usable(person, g + week))
                    {
                        return false;
                    }

                    before = baseActive;
                    after = panel.Active(person, g + week);
                    return true;
            }
        }

        private int[] ClusterIds(List<ReportPerson> ordered, out int count)
        {
            var ids = new int[ordered.Count];
            var keys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < ordered.Count; i++)
            {
                var person = ordered[i];
                var key = options.ClusterBy switch
                {
                    TrainingClusterBy.Manager => string.IsNullOrWhiteSpace(person.Manager) ? "(no manager)" : person.Manager!.Trim(),
                    TrainingClusterBy.None => person.Id.ToString(CultureInfo.InvariantCulture),
                    _ => person.GroupValue(ReportGroupBy.Department),
                };
                if (!keys.TryGetValue(key, out var id))
                {
                    id = keys.Count;
                    keys[key] = id;
                }

                ids[i] = id;
            }

            count = keys.Count;
            return ids;
        }

        /// <summary>Why trained people were not measured, and how many people never were staff on a usable week.</summary>
        private static IReadOnlyList<LeftOutPeople> LeftOut(List<Unit> notMeasured, int[] controls, List<ReportPerson> ordered, WeeklyPanel panel, int k)
        {
            var reasons = new Dictionary<string, int[]>(StringComparer.Ordinal);
            void Count(string reason, int column)
            {
                if (!reasons.TryGetValue(reason, out var counts))
                {
                    reasons[reason] = counts = new int[2];
                }

                counts[column]++;
            }

            foreach (var u in notMeasured)
            {
                var person = ordered[u.Person];
                var baseFrom = u.B - k + 1;
                string reason;
                if (!StaffAccount.IsStaff(person.UserType))
                {
                    reason = "Not a staff account (guest or resource)";
                }
                else if (!panel.CoveredRange(baseFrom, u.B) || !panel.CoveredRange(u.G + 1, u.G + k))
                {
                    reason = WindowNotCovered;
                }
                else if (!panel.UsableRange(u.Person, baseFrom, u.B))
                {
                    reason = person.HireDate.HasValue && person.HireDate.Value.Date > panel.FirstMonday.AddDays(7 * baseFrom) ? "Joined too late (not employed for the whole before window)" : "Not staff for the whole before window";
                }
                else
                {
                    reason = person.LeaveDate.HasValue || !person.Enabled ? "Left before the after window ended" : "Not staff for the whole after window";
                }

                Count(reason, 0);
            }

            foreach (var j in controls)
            {
                var person = ordered[j];
                if (!StaffAccount.IsStaff(person.UserType))
                {
                    Count("Not a staff account (guest or resource)", 1);
                }
                else if (!Enumerable.Range(0, panel.Weeks).Any(t => panel.Usable(j, t)))
                {
                    Count("Not staff on any week the store covers", 1);
                }
            }

            return reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new LeftOutPeople(r.Key, r.Value[0], r.Value[1])).ToList();
        }

        private enum Outcome
        {
            ActiveDays,
            Posts,
            Placebo,
            InactiveBecameActive,
            Week,

            /// <summary>Active days on one network (the statistic's week field holds the network index).</summary>
            NetworkActiveDays,
        }

        private sealed class Unit
        {
            public Unit(int person, string course, string title, DateTime completed, int g, int b, int cell)
            {
                Person = person;
                Course = course;
                Title = title;
                Completed = completed;
                G = g;
                B = b;
                Cell = cell;
            }

            public int Person { get; }

            public string Course { get; }

            public string Title { get; }

            public DateTime Completed { get; }

            /// <summary>Week of completion.</summary>
            public int G { get; }

            /// <summary>Last week of the before window.</summary>
            public int B { get; }

            public int Cell { get; }

            public IndividualFigures? Individual { get; set; }
        }

        private sealed class IndividualFigures
        {
            public IndividualFigures(double before, double after, double postsBefore, double postsAfter, double controlChange)
            {
                Before = before;
                After = after;
                PostsBefore = postsBefore;
                PostsAfter = postsAfter;
                ControlChange = controlChange;
            }

            public double Before { get; }

            public double After { get; }

            public double PostsBefore { get; }

            public double PostsAfter { get; }

            public double ControlChange { get; }
        }

        /// <summary>One estimate: a set of trained units, an outcome, running sums and who was compared.</summary>
        private sealed class Statistic
        {
            private readonly BitArray controls;
            private readonly HashSet<int> trainedClusters = new HashSet<int>();
            private readonly List<int> measured = new List<int>();

            public Statistic(int index, Outcome outcome, int week, List<Unit> units, int people)
            {
                Index = index;
                Outcome = outcome;
                Week = week;
                Units = units;
                controls = new BitArray(people);
            }

            public int Index { get; }

            public Outcome Outcome { get; }

            public int Week { get; }

            public List<Unit> Units { get; }

            public int Measured { get; private set; }

            public int ControlPeople { get; private set; }

            /// <summary>Clusters holding at least one measured trained person.</summary>
            public int TrainedClusters => trainedClusters.Count;

            public double SumBefore { get; private set; }

            public double SumAfter { get; private set; }

            public double SumControlBefore { get; private set; }

            public double SumControlAfter { get; private set; }

            public double SumDifference { get; private set; }

            /// <summary>The trained people measured (a person's index once per unit).</summary>
            public IEnumerable<int> MeasuredIndices() => measured.Distinct();

            /// <summary>The comparison people who entered the statistic.</summary>
            public IEnumerable<int> ControlIndices()
            {
                for (var i = 0; i < controls.Length; i++)
                {
                    if (controls[i])
                    {
                        yield return i;
                    }
                }
            }

            public void Record(int person, int cluster, double before, double after, double controlBefore, double controlAfter, Accumulators sums)
            {
                measured.Add(person);
                Measured++;
                SumBefore += before;
                SumAfter += after;
                SumControlBefore += controlBefore;
                SumControlAfter += controlAfter;
                var difference = (after - before) - (controlAfter - controlBefore);
                SumDifference += difference;
                trainedClusters.Add(cluster);
                sums.AddTrained(cluster, Index, difference);
            }

            public void MarkControl(int person)
            {
                if (!controls[person])
                {
                    controls[person] = true;
                    ControlPeople++;
                }
            }

            public double Finish() => Measured == 0 ? 0 : SumDifference / Measured;
        }

        /// <summary>Per cluster and statistic: trained differences and their count, and the comparison people's terms.</summary>
        private sealed class Accumulators
        {
            private readonly int clusters;
            private readonly int statistics;
            private readonly double[] trained;
            private readonly int[] trainedCount;
            private readonly double[] control;
            private readonly bool[] used;

            public Accumulators(int clusters, int statistics)
            {
                this.clusters = clusters;
                this.statistics = statistics;
                trained = new double[clusters * statistics];
                trainedCount = new int[clusters * statistics];
                control = new double[clusters * statistics];
                used = new bool[clusters];
            }

            public void AddTrained(int cluster, int statistic, double difference)
            {
                trained[cluster * statistics + statistic] += difference;
                trainedCount[cluster * statistics + statistic]++;
                used[cluster] = true;
            }

            public void AddControl(int cluster, int statistic, double term)
            {
                control[cluster * statistics + statistic] += term;
                used[cluster] = true;
            }

            /// <summary>
            /// The influence function of each estimate θ = mean(d − c̄) summed per cluster, (Σ(d − c̄) − n·θ + control terms) / N,
            /// and each cluster's share n / N of the trained people; then the ratio estimate's, as one more statistic. Only
            /// clusters that hold someone compared are kept.
            /// </summary>
            public (double[] Sums, double[] Shares, int Clusters) ClusterSums(List<Statistic> stats, IReadOnlyList<double> estimates, RatioAccumulator ratio)
            {
                var usedIndex = new int[clusters];
                var usedCount = 0;
                for (var c = 0; c < clusters; c++)
                {
                    usedIndex[c] = used[c] ? usedCount++ : -1;
                }

                var width = statistics + (ratio.Valid ? 1 : 0);
                var result = new double[usedCount * width];
                var shares = new double[usedCount * width];
                for (var c = 0; c < clusters; c++)
                {
                    var u = usedIndex[c];
                    if (u < 0)
                    {
                        continue;
                    }

                    for (var s = 0; s < statistics; s++)
                    {
                        var n = stats[s].Measured;
                        if (n == 0)
                        {
                            continue;
                        }

                        var at = c * statistics + s;
                        result[u * width + s] = (trained[at] - trainedCount[at] * estimates[s] + control[at]) / n;
                        shares[u * width + s] = trainedCount[at] / (double)n;
                    }

                    if (ratio.Valid)
                    {
                        (result[u * width + statistics], shares[u * width + statistics]) = ratio.Influence(c);
                    }
                }

                return (result, shares, usedCount);
            }
        }

        /// <summary>
        /// The ratio (Poisson-type) estimate of the headline (Wooldridge 2023): R = Σ after / Σ before·m − 1, m being each
        /// cell's comparison after/before ratio, so a shock that raises everyone's activity in proportion is not taken for
        /// an effect. Its influence function is linearised like the others.
        /// </summary>
        private sealed class RatioAccumulator
        {
            private readonly double[] after;
            private readonly double[] scaledBefore;
            private readonly double[] control;
            private double totalAfter;
            private double totalScaledBefore;

            public RatioAccumulator(int clusters)
            {
                after = new double[clusters];
                scaledBefore = new double[clusters];
                control = new double[clusters];
            }

            public bool Valid => totalScaledBefore > 0;

            public double Estimate => totalAfter / totalScaledBefore - 1;

            public void AddTrained(int cluster, double afterValue, double beforeValue, double controlRatio)
            {
                if (double.IsNaN(controlRatio))
                {
                    return;
                }

                after[cluster] += afterValue;
                scaledBefore[cluster] += beforeValue * controlRatio;
                totalAfter += afterValue;
                totalScaledBefore += beforeValue * controlRatio;
            }

            public void AddControl(int cluster, double term) => control[cluster] += term;

            /// <summary>Cluster c's part of the influence function, and its share of the scaled before total.</summary>
            public (double Sum, double Share) Influence(int c)
            {
                var r = totalAfter / totalScaledBefore;
                return ((after[c] - r * scaledBefore[c] - r * control[c]) / totalScaledBefore, scaledBefore[c] / totalScaledBefore);
            }
        }
    }
}
