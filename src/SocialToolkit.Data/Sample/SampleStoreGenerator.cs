using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Files;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Sample
{
    /// <summary>What to generate. Defaults match New-SocialSampleStore's.</summary>
    public sealed class SampleStoreOptions
    {
        public int Employees { get; set; } = 500;

        public int Days { get; set; } = 180;

        /// <summary>The last generated day; yesterday when null.</summary>
        public DateTime? EndDate { get; set; }

        public int Seed { get; set; } = 1;

        /// <summary>Ground truth: extra expected active days per week after completing a course.</summary>
        public double TrainingUplift { get; set; } = 0.6;

        /// <summary>Share of employees who complete a course during the period.</summary>
        public double TrainedShare { get; set; } = 0.1;

        /// <summary>Which trap for a training-effect estimate the organisation sets (the truth goes in the store's metadata).</summary>
        public SampleScenario Scenario { get; set; } = SampleScenario.Default;
    }

    /// <summary>
    /// Writes a synthetic organisation into a new store: people, training waves with a known effect and daily activity
    /// on Viva Engage, Teams and LinkedIn, with coverage for every generated day. The store is built in a temporary file
    /// next to the target and moved into place at the end, so a failure or Ctrl+C never leaves half a store.
    /// </summary>
    public static class SampleStoreGenerator
    {
        public const string GeneratorVersion = "2";
        public const string Source = "Sample";
        public const int MaximumEmployees = 1_000_000;
        public const int MaximumDays = 3660;
        public const double MaximumUplift = 1.5;

        /// <summary>Highest base rate; with the trend and the largest uplift a weekday probability stays below 1.</summary>
        internal const double MaximumBaseActiveDaysPerWeek = 3.0;

        /// <summary>Organisation-wide growth over the period, in active days per week: the reason a control group is needed.</summary>
        internal const double TrendOverPeriod = 0.02;

        /// <summary>Relative activity Monday to Sunday: busy weekdays, a quieter Friday, quiet weekends.</summary>
        private static readonly double[] Rhythm = { 1.0, 1.08, 1.05, 1.0, 0.8, 0.12, 0.08 };

        private static readonly string[] Networks = { SocialNetworks.VivaEngage, SocialNetworks.Teams, SocialNetworks.LinkedIn };

        /// <summary>Share of a week's activity falling on each day (Monday = 0); sums to 1.</summary>
        internal static double[] WeekShares
        {
            get
            {
                var total = Rhythm.Sum();
                return Rhythm.Select(r => r / total).ToArray();
            }
        }

        public static SampleStoreInfo Create(string path, SampleStoreOptions options, bool overwrite, IOperationReporter reporter, CancellationToken token)
        {
            Validate(options);

            // A store holds individual rows: owner-only from its first byte. The empty file is created by the
            // helper (so with its mode) and SQLite fills it; its -wal and -shm files take the same mode.
            using var file = OutputFile.Prepare(path, overwrite, ownerOnly: true, "-Path");
            var temporary = file.NewTemporary();
            try
            {
                SampleStoreInfo? info = null;
                file.Write(() =>
                {
                    using (file.Create(temporary))
                    {
                    }

                    using var store = SocialStore.Open(temporary);
                    info = Generate(store, options, reporter, token);
                });

                // The old store's journal files belong to the old content: left beside the new file, SQLite would replay them into it.
                file.Write(() => DeleteJournalFiles(file.Target));
                file.Commit(temporary);
                info!.Path = file.Target;
                return info;
            }
            finally
            {
                DeleteJournalFiles(temporary);
            }
        }

        /// <summary>Fills an empty store set up beforehand (a PostgreSQL store after Initialize-SocialStore).</summary>
        public static SampleStoreInfo Fill(StoreLocation location, SampleStoreOptions options, IOperationReporter reporter, CancellationToken token) =>
            SocialStore.Guard(location.Display, "filling", () =>
            {
                using var store = SocialStore.Open(location, createIfMissing: false);
                return Generate(store, options, reporter, token);
            });

        private static void DeleteJournalFiles(string path)
        {
            foreach (var file in new[] { path + "-wal", path + "-shm", path + "-journal" })
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
        }

        private static void Validate(SampleStoreOptions options)
        {
            if (options.Employees < 1 || options.Employees > MaximumEmployees)
            {
                throw new SocialToolkitException("InvalidEmployees", FailureKind.InvalidArgument, $"-Employees must be between 1 and {MaximumEmployees} (got {options.Employees}).", "Employees");
            }

            if (options.Days < 7 || options.Days > MaximumDays)
            {
                throw new SocialToolkitException("InvalidDays", FailureKind.InvalidArgument, $"-Days must be between 7 and {MaximumDays} (got {options.Days}).", "Days");
            }

            if (double.IsNaN(options.TrainingUplift) || options.TrainingUplift < 0 || options.TrainingUplift > MaximumUplift)
            {
                throw new SocialToolkitException("InvalidTrainingUplift", FailureKind.InvalidArgument, $"-TrainingUplift must be between 0 and {MaximumUplift.ToString(CultureInfo.InvariantCulture)} active days per week (got {options.TrainingUplift.ToString(CultureInfo.InvariantCulture)}).", "TrainingUplift");
            }

            if (double.IsNaN(options.TrainedShare) || options.TrainedShare < 0 || options.TrainedShare > 0.8)
            {
                throw new SocialToolkitException("InvalidTrainedShare", FailureKind.InvalidArgument, $"The trained share must be between 0 and 0.8 (got {options.TrainedShare.ToString(CultureInfo.InvariantCulture)}).", "TrainedShare");
            }
        }

        /// <summary>Fills an empty, open store. Exposed for tests and benchmarks that manage the file themselves.</summary>
        public static SampleStoreInfo Generate(SocialStore store, SampleStoreOptions options, IOperationReporter reporter, CancellationToken token)
        {
            Validate(options);
            using (var count = store.Command("SELECT count(*) FROM person"))
            {
                if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                {
                    throw new SocialToolkitException("StoreNotEmpty", FailureKind.InvalidOperation, $"{store.Path} already holds people; a sample organisation is only written into a new store.", store.Path);
                }
            }

            const string activity = "Generating a sample organisation";
            var lastDay = (options.EndDate ?? DateTime.Today.AddDays(-1)).Date;
            var firstDay = lastDay.AddDays(-(options.Days - 1));
            var random = new SeededRandom(options.Seed);
            reporter.Progress(activity, "People and training", 0);
            var organisation = SampleOrganisation.Create(options, firstDay, random);
            var people = organisation.People;
            var truth = SampleTruth.Compute(organisation, options, firstDay);

            // A file is a private temporary copy until it is moved into place: durability per commit buys nothing there.
            using var bulk = store.WriteInBulk();
            var ids = store.InTransaction(transaction =>
            {
                store.UpsertPeople(people.Select(p => p.Person), Source, transaction);
                var directory = store.LoadPersonDirectory(transaction);
                var personIds = people.Select(p => directory.Find(p.Person.UserPrincipalName)!.Value).ToArray();
                store.UpsertTraining(TrainingRecords(people, firstDay).Select(r => (personIds[r.Person], r.Record)), transaction);
                WriteGroundTruth(store, options, organisation, truth, firstDay, lastDay, transaction);
                return personIds;
            });

            long rows = 0;
            var perNetwork = Networks.Select(_ => new List<(int, ActivityDay)>()).ToArray();
            var converted = new List<(long, ActivityDay)>();
            const int daysPerTransaction = 7;
            for (var start = 0; start < options.Days; start += daysPerTransaction)
            {
                token.ThrowIfCancellationRequested();
                reporter.Progress(activity, $"Activity: day {start + 1} of {options.Days}", 5 + (int)(95L * start / options.Days));
                rows += store.InTransaction(transaction =>
                {
                    long written = 0;
                    for (var d = start; d < Math.Min(options.Days, start + daysPerTransaction); d++)
                    {
                        var day = firstDay.AddDays(d);
                        GenerateDay(organisation, options, day, d, random, perNetwork);
                        for (var n = 0; n < Networks.Length; n++)
                        {
                            converted.Clear();
                            converted.AddRange(perNetwork[n].Select(r => (ids[r.Item1], r.Item2)));
                            written += store.ReplaceActivityDay(Networks[n], day, converted, Source, transaction);
                        }
                    }

                    return written;
                });
            }

            reporter.Progress(activity, "Done", 100);
            var guests = people.Count(p => p.Person.UserType == StaffAccount.Guest);
            return new SampleStoreInfo
            {
                Path = store.Path,
                Employees = people.Count - guests,
                Guests = guests,
                Departments = organisation.DepartmentCount,
                From = firstDay,
                To = lastDay,
                Days = options.Days,
                Networks = Networks,
                TrainedPeople = people.Count(p => p.CompletionDay >= 0),
                Courses = organisation.Courses.Select(c => c.Id).ToArray(),
                TrainingUplift = options.TrainingUplift,
                Seed = options.Seed,
                Scenario = options.Scenario,
                TrueEffect = truth.Headline,
                ActivityRows = rows,
            };
        }

        /// <summary>
        /// The same organisation without a store: people, training records and contribution days in memory, for simulation
        /// tests and benchmarks that run the estimator many times. Draws exactly what <see cref="Generate"/> writes.
        /// </summary>
        public static SampleData Simulate(SampleStoreOptions options)
        {
            Validate(options);
            var lastDay = (options.EndDate ?? DateTime.Today.AddDays(-1)).Date;
            var firstDay = lastDay.AddDays(-(options.Days - 1));
            var random = new SeededRandom(options.Seed);
            var organisation = SampleOrganisation.Create(options, firstDay, random);
            var truth = SampleTruth.Compute(organisation, options, firstDay);
            var perNetwork = Networks.Select(_ => new List<(int, ActivityDay)>()).ToArray();
            var contributions = new List<(int Person, DateTime Day, int Posts)>();
            var postsToday = new Dictionary<int, int>();
            for (var d = 0; d < options.Days; d++)
            {
                var day = firstDay.AddDays(d);
                GenerateDay(organisation, options, day, d, random, perNetwork);
                postsToday.Clear();
                foreach (var list in perNetwork)
                {
                    foreach (var (person, row) in list)
                    {
                        if (row.IsContribution)
                        {
                            postsToday.TryGetValue(person, out var posts);
                            postsToday[person] = posts + row.Posts;
                        }
                    }
                }

                foreach (var pair in postsToday.OrderBy(p => p.Key))
                {
                    contributions.Add((pair.Key, day, pair.Value));
                }
            }

            return new SampleData(
                organisation.People.Select(p => p.Person).ToList(),
                TrainingRecords(organisation.People, firstDay).ToList(),
                contributions,
                firstDay,
                lastDay,
                truth);
        }

        /// <summary>Every person's day: the chance of being active follows <see cref="SamplePerson.Rate"/>.</summary>
        private static void GenerateDay(SampleOrganisation organisation, SampleStoreOptions options, DateTime day, int d, SeededRandom random, List<(int, ActivityDay)>[] perNetwork)
        {
            var share = WeekShares[((int)day.DayOfWeek + 6) % 7];
            var trend = TrendOverPeriod * d / Math.Max(1, options.Days - 1);
            foreach (var list in perNetwork)
            {
                list.Clear();
            }

            var people = organisation.People;
            for (var i = 0; i < people.Count; i++)
            {
                GenerateDay(people[i], i, day, d, share, people[i].Rate(d, trend, organisation.DepartmentFactor(people[i], d)), random, perNetwork);
            }
        }

        /// <summary>
        /// One person's day. The chance of being active (a post or reply anywhere) is the person's expected active days per
        /// week on that day times this weekday's share of a week: so the training's part adds exactly its size in expected
        /// active days per week (the chance is capped at 0.95, reached only by the most active people in the strongest shocks).
        /// </summary>
        private static void GenerateDay(SamplePerson person, int id, DateTime day, int d, double share, double rate, SeededRandom random, List<(int, ActivityDay)>[] perNetwork)
        {
            if (d < person.FirstDay || d > person.LastDay)
            {
                return;
            }

            if (random.NextDouble() < Math.Min(0.95, rate * share))
            {
                var onEngage = random.Chance(person.VivaEngageShare);
                var onTeams = random.Chance(person.TeamsShare);
                var onLinkedIn = person.UsesLinkedIn && random.Chance(0.3);
                if (!onEngage && !onTeams && !onLinkedIn)
                {
                    onEngage = random.NextDouble() * (person.VivaEngageShare + person.TeamsShare) < person.VivaEngageShare;
                    onTeams = !onEngage;
                }

                if (onEngage)
                {
                    perNetwork[0].Add((id, Contribution(day, SocialNetworks.VivaEngage, random, reads: random.Next(2, 25), shares: 0)));
                }

                if (onTeams)
                {
                    perNetwork[1].Add((id, Contribution(day, SocialNetworks.Teams, random, reads: 0, shares: 0)));
                }

                if (onLinkedIn)
                {
                    perNetwork[2].Add((id, Contribution(day, SocialNetworks.LinkedIn, random, reads: 0, shares: random.Chance(0.3) ? 1 : 0)));
                }
            }
            else if (random.NextDouble() < person.EngagedOnlyDaysPerWeek * share)
            {
                if (random.Chance(0.7))
                {
                    perNetwork[0].Add((id, new ActivityDay { Day = day, Network = SocialNetworks.VivaEngage, Reads = random.Next(1, 15), Reactions = random.Chance(0.4) ? random.Next(1, 4) : 0, Source = Source }));
                }
                else
                {
                    perNetwork[1].Add((id, new ActivityDay { Day = day, Network = SocialNetworks.Teams, Reactions = random.Next(1, 4), Source = Source }));
                }

                if (person.UsesLinkedIn && random.Chance(0.2))
                {
                    perNetwork[2].Add((id, new ActivityDay { Day = day, Network = SocialNetworks.LinkedIn, Reactions = random.Next(1, 5), Source = Source }));
                }
            }
        }

        private static ActivityDay Contribution(DateTime day, string network, SeededRandom random, int reads, int shares)
        {
            var posting = random.Chance(0.55);
            var posts = posting ? random.OneOrMore(0.4, 6) : 0;
            var replies = posting ? (random.Chance(0.4) ? random.OneOrMore(0.5, 8) : 0) : random.OneOrMore(0.5, 8);
            return new ActivityDay
            {
                Day = day,
                Network = network,
                Posts = posts,
                Replies = replies,
                Reactions = random.Next(0, 6),
                Reads = reads,
                Shares = shares,
                Source = Source,
            };
        }

        private static IEnumerable<(int Person, TrainingRecord Record)> TrainingRecords(IReadOnlyList<SamplePerson> people, DateTime firstDay)
        {
            TrainingRecord Completed(SamplePerson person, SampleCourse course, int day, int assignedDay) => new TrainingRecord
            {
                UserPrincipalName = person.Person.UserPrincipalName,
                CourseId = course.Id,
                CourseTitle = course.Title,
                Provider = course.Provider,
                Status = TrainingStatus.Completed,
                AssignedDate = firstDay.AddDays(assignedDay),
                CompletedDate = firstDay.AddDays(day),
                CompletionPercentage = 100,
                Source = Source,
            };

            for (var i = 0; i < people.Count; i++)
            {
                var person = people[i];
                if (person.CompletedCourse != null)
                {
                    yield return (i, Completed(person, person.CompletedCourse, person.CompletionDay, person.AssignedDay));
                }
                else if (person.OpenCourse != null)
                {
                    yield return (i, new TrainingRecord
                    {
                        UserPrincipalName = person.Person.UserPrincipalName,
                        CourseId = person.OpenCourse.Id,
                        CourseTitle = person.OpenCourse.Title,
                        Provider = person.OpenCourse.Provider,
                        Status = person.OpenCourseStarted ? TrainingStatus.InProgress : TrainingStatus.NotStarted,
                        AssignedDate = firstDay.AddDays(Math.Max(0, person.OpenCourse.WaveCentre - SampleOrganisation.CourseWorkDays)),
                        CompletionPercentage = person.OpenCourseStarted ? 40 : 0,
                        Source = Source,
                    });
                }

                foreach (var (course, day) in person.OtherCompletions)
                {
                    yield return (i, Completed(person, course, day, day - 30));
                }
            }
        }

        private static void WriteGroundTruth(SocialStore store, SampleStoreOptions options, SampleOrganisation organisation, SampleTruth truth, DateTime firstDay, DateTime lastDay, DbTransaction transaction)
        {
            string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
            string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var values = new Dictionary<string, string>
            {
                [SampleMetadata.GeneratorVersion] = GeneratorVersion,
                [SampleMetadata.Seed] = options.Seed.ToString(CultureInfo.InvariantCulture),
                [SampleMetadata.Employees] = options.Employees.ToString(CultureInfo.InvariantCulture),
                [SampleMetadata.Days] = options.Days.ToString(CultureInfo.InvariantCulture),
                [SampleMetadata.FirstDay] = Date(firstDay),
                [SampleMetadata.LastDay] = Date(lastDay),
                [SampleMetadata.TrainingUplift] = Text(options.TrainingUplift),
                [SampleMetadata.TrainedShare] = Text(options.TrainedShare),
                [SampleMetadata.TrainedPeople] = organisation.People.Count(p => p.CompletionDay >= 0).ToString(CultureInfo.InvariantCulture),
                [SampleMetadata.TrendOverPeriod] = Text(TrendOverPeriod),
                [SampleMetadata.WeekShares] = string.Join(" ", WeekShares.Select(s => s.ToString("0.0000", CultureInfo.InvariantCulture))),
                [SampleMetadata.Courses] = string.Join("; ", organisation.Courses.Select(c =>
                    $"{c.Id} '{c.Title}' wave {Date(firstDay.AddDays(c.WaveCentre))}, {organisation.People.Count(p => p.CompletedCourse == c || p.OtherCompletions.Any(o => o.Course == c)).ToString(CultureInfo.InvariantCulture)} completions")),
                [SampleMetadata.Scenario] = options.Scenario.ToString(),
                [SampleMetadata.TrueEffect] = Text(truth.Headline),
                [SampleMetadata.TrueEventStudy] = string.Join(" ", truth.EventWeeks.Select(w => w.Week.ToString(CultureInfo.InvariantCulture) + ":" + w.Effect.ToString("0.0000", CultureInfo.InvariantCulture))),
                [SampleMetadata.TrueEffectCourses] = string.Join(", ", truth.EffectCourses),
                [SampleMetadata.Trap] = truth.Trap,
            };
            foreach (var pair in values)
            {
                store.SetMetadata(pair.Key, pair.Value, transaction);
            }
        }
    }

    /// <summary>Metadata keys holding a sample store's ground truth.</summary>
    public static class SampleMetadata
    {
        public const string GeneratorVersion = "sample.generator_version";
        public const string Seed = "sample.seed";
        public const string Employees = "sample.employees";
        public const string Days = "sample.days";
        public const string FirstDay = "sample.first_day";
        public const string LastDay = "sample.last_day";
        public const string TrainingUplift = "sample.training_uplift";
        public const string TrainedShare = "sample.trained_share";
        public const string TrainedPeople = "sample.trained_people";
        public const string TrendOverPeriod = "sample.trend_active_days_per_week";
        public const string WeekShares = "sample.week_shares_monday_first";
        public const string Courses = "sample.courses";
        public const string Scenario = "sample.scenario";

        /// <summary>Extra active days per week in the four weeks after the completion week, among trained people measurable in the period.</summary>
        public const string TrueEffect = "sample.truth.effect_active_days_per_week";

        /// <summary>"week:effect" pairs, weeks relative to the completion week, against the four weeks before the assignment.</summary>
        public const string TrueEventStudy = "sample.truth.event_study";

        /// <summary>The courses whose completion has the true effect (pass them to -Course).</summary>
        public const string TrueEffectCourses = "sample.truth.courses";

        /// <summary>The trap the scenario sets, and what a sound report shows, in plain words.</summary>
        public const string Trap = "sample.truth.trap";
    }
}
