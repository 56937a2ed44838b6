using System;
using System.Collections.Generic;
using System.Linq;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Sample
{
    /// <summary>
    /// What a sound training-effect report should find in a sample organisation, computed from the hidden parameters: the
    /// training's part of each trained person's expected active days, by calendar week (Monday to Sunday), compared with the
    /// four weeks before the assignment, over trained people whose windows fall in the period while they are employed.
    /// </summary>
    public sealed class SampleTruth
    {
        private SampleTruth(double headline, IReadOnlyList<(int Week, double Effect)> eventWeeks, IReadOnlyList<string> effectCourses, string trap, int people)
        {
            Headline = headline;
            EventWeeks = eventWeeks;
            EffectCourses = effectCourses;
            Trap = trap;
            People = people;
        }

        /// <summary>Extra active days per week in the four weeks after the completion week.</summary>
        public double Headline { get; }

        /// <summary>Weeks −8 to +12 relative to the completion week.</summary>
        public IReadOnlyList<(int Week, double Effect)> EventWeeks { get; }

        /// <summary>The courses that carry the effect (the mandatory course of that scenario does not).</summary>
        public IReadOnlyList<string> EffectCourses { get; }

        public string Trap { get; }

        /// <summary>Trained people the truth is averaged over.</summary>
        public int People { get; }

        internal static SampleTruth Compute(SampleOrganisation organisation, SampleStoreOptions options, DateTime firstDay)
        {
            const int windowWeeks = 4;
            var shares = SampleStoreGenerator.WeekShares;
            var offset = ((int)firstDay.DayOfWeek + 6) % 7;
            var firstFullWeek = offset == 0 ? 0 : 1;
            var lastFullWeek = (offset + options.Days) / 7 - 1;
            int WeekOf(int d) => (int)Math.Floor((d + offset) / 7.0);
            int MondayOf(int week) => week * 7 - offset;
            double Expected(SamplePerson p, int week)
            {
                double sum = 0;
                for (var i = 0; i < 7; i++)
                {
                    sum += p.TrainingPart(MondayOf(week) + i) * shares[i];
                }

                return sum;
            }

            // Each event week averages over the trained people the report can see in it (the week inside the period, the
            // person employed), as the estimate does: with effects that differ by wave, late weeks hold early waves only.
            var sums = new double[21];
            var counts = new int[21];
            bool Employed(SamplePerson p, int week) => week >= firstFullWeek && week <= lastFullWeek && p.FirstDay <= MondayOf(week) && p.LastDay >= MondayOf(week) + 6;
            double headline = 0;
            var count = 0;
            foreach (var p in organisation.People.Where(p => p.CompletedCourse != null))
            {
                var g = WeekOf(p.CompletionDay);
                var b = WeekOf(p.AssignedDay) - 1;
                if (!Enumerable.Range(b - windowWeeks + 1, windowWeeks).All(w => Employed(p, w)))
                {
                    continue;
                }

                double reference = 0, after = 0;
                for (var i = 0; i < windowWeeks; i++)
                {
                    reference += Expected(p, b - i) / windowWeeks;
                    after += Expected(p, g + 1 + i) / windowWeeks;
                }

                for (var e = -8; e <= 12; e++)
                {
                    if (Employed(p, g + e))
                    {
                        sums[e + 8] += Expected(p, g + e) - reference;
                        counts[e + 8]++;
                    }
                }

                if (Enumerable.Range(g + 1, windowWeeks).All(w => Employed(p, w)))
                {
                    headline += after - reference;
                    count++;
                }
            }

            var weeks = Enumerable.Range(-8, 21).Select(e => (e, counts[e + 8] == 0 ? 0 : sums[e + 8] / counts[e + 8])).ToList();
            var courses = organisation.Courses.Where(c => organisation.People.Any(p => p.CompletedCourse == c)).Select(c => c.Id).ToList();
            return new SampleTruth(count == 0 ? 0 : headline / count, weeks, courses, TrapText(options.Scenario), count);
        }

        private static string TrapText(SampleScenario scenario) => scenario switch
        {
            SampleScenario.NoEffect => "No effect at all; volunteers are the already active. A sound report finds no clear effect (an interval around 0).",
            SampleScenario.PreTrend => "No effect, but the people later trained were already becoming more active week after week. A sound report fails the pre-trend check and gives no verdict.",
            SampleScenario.Anticipation => "A real effect, and course work that raises activity between assignment and completion. A sound report ends the before window at the assignment and finds the whole effect.",
            SampleScenario.Staggered => "Effects that grow over six weeks and differ by wave. A sound event study follows the growth week by week; the headline averages weeks 1 to 4.",
            SampleScenario.DepartmentRollout => "No effect; whole departments trained together while each department's activity rises and falls as one. A sound report resamples departments and seldom calls anything significant.",
            SampleScenario.MandatoryCourse => "A real effect of the SOC courses and an unrelated mandatory course (COMP-100) completed by 85% of staff. A sound report with -Course SOC-101,SOC-201,SOC-301 keeps a comparison group and finds the effect.",
            SampleScenario.Joiners => "A real effect; new joiners take SOC-101 in their first weeks while their activity ramps up anyway. A sound report leaves them out (joined too late) and finds the effect of the others.",
            _ => "A real effect that appears at completion; volunteers are the already active; guests, joiners and leavers. A sound report finds the effect with an interval that holds it.",
        };
    }

    /// <summary>A sample organisation in memory (see <see cref="SampleStoreGenerator.Simulate"/>).</summary>
    public sealed class SampleData
    {
        internal SampleData(IReadOnlyList<Person> people, IReadOnlyList<(int Person, TrainingRecord Record)> training, IReadOnlyList<(int Person, DateTime Day, int Posts)> contributions, DateTime firstDay, DateTime lastDay, SampleTruth truth)
        {
            People = people;
            Training = training;
            Contributions = contributions;
            FirstDay = firstDay;
            LastDay = lastDay;
            Truth = truth;
        }

        public IReadOnlyList<Person> People { get; }

        /// <summary>Training records with the index of their person in <see cref="People"/>.</summary>
        public IReadOnlyList<(int Person, TrainingRecord Record)> Training { get; }

        /// <summary>Days with a post or reply on any network (one row per person and day), with that day's posts.</summary>
        public IReadOnlyList<(int Person, DateTime Day, int Posts)> Contributions { get; }

        public DateTime FirstDay { get; }

        public DateTime LastDay { get; }

        public SampleTruth Truth { get; }

        /// <summary>The people as report calculators see them; ids are index + 1.</summary>
        public IReadOnlyList<ReportPerson> ReportPeople() => People.Select((p, i) => new ReportPerson
        {
            Id = i + 1,
            UserPrincipalName = p.UserPrincipalName,
            DisplayName = p.DisplayName,
            Department = p.Department,
            Country = p.Country,
            Office = p.OfficeLocation,
            JobTitle = p.JobTitle,
            Manager = p.ManagerUserPrincipalName,
            Enabled = p.Enabled,
            HireDate = p.HireDate,
            LeaveDate = p.LeaveDate,
            UserType = p.UserType,
        }).ToList();

        /// <summary>A calculator fed with this organisation (every day covered), as a report on its store would be.</summary>
        public TrainingEffectCalculator Calculator(TrainingEffectOptions options)
        {
            var calculator = new TrainingEffectCalculator(options, Enumerable.Range(0, (int)(LastDay - FirstDay).TotalDays + 1).Select(d => FirstDay.AddDays(d)));
            foreach (var person in ReportPeople())
            {
                calculator.AddPerson(person);
            }

            foreach (var (person, record) in Training)
            {
                if (record.Status == TrainingStatus.Completed && record.CompletedDate.HasValue)
                {
                    calculator.AddCompletion(new TrainingCompletion { PersonId = person + 1, CourseId = record.CourseId, CourseTitle = record.CourseTitle, Completed = record.CompletedDate.Value, Assigned = record.AssignedDate });
                }
            }

            foreach (var (person, day, posts) in Contributions)
            {
                calculator.AddContribution(person + 1, day, posts);
            }

            return calculator;
        }
    }
}
