using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Sample
{
    /// <summary>One synthetic person with the hidden parameters that drive their activity.</summary>
    internal sealed class SamplePerson
    {
        /// <summary>Days over which a new joiner's activity ramps up to its usual level (Joiners scenario).</summary>
        public const int OnboardingRampDays = 90;

        public SamplePerson(Person person)
        {
            Person = person;
        }

        public Person Person { get; }

        /// <summary>Base expected active (post or reply) days per week, before any training.</summary>
        public double ActiveDaysPerWeek { get; set; }

        /// <summary>Expected days per week with only reads or reactions.</summary>
        public double EngagedOnlyDaysPerWeek { get; set; }

        public bool UsesLinkedIn { get; set; }

        /// <summary>Chance, on an active day, of contributing on Viva Engage and on Teams.</summary>
        public double VivaEngageShare { get; set; }

        public double TeamsShare { get; set; }

        /// <summary>Day index (0 = first generated day) from which the person is employed; 0 or less = before the period.</summary>
        public int FirstDay { get; set; }

        /// <summary>Last day index the person is employed (leavers); int.MaxValue for everyone else.</summary>
        public int LastDay { get; set; } = int.MaxValue;

        /// <summary>Index of the person's department, for the department's shared ups and downs.</summary>
        public int DepartmentIndex { get; set; }

        /// <summary>Day index of the completed course that has an effect, or -1.</summary>
        public int CompletionDay { get; set; } = -1;

        public SampleCourse? CompletedCourse { get; set; }

        /// <summary>Day index the completed course was assigned.</summary>
        public int AssignedDay { get; set; } = -1;

        /// <summary>Full effect of the completed course, in active days per week.</summary>
        public double UpliftSize { get; set; }

        /// <summary>Days over which the effect grows to its full size (0 = at once).</summary>
        public int UpliftRampDays { get; set; }

        /// <summary>Extra active days per week between assignment and completion (course work).</summary>
        public double CourseWorkBump { get; set; }

        /// <summary>Extra active days per week added each week from the start of the period, whatever the training.</summary>
        public double TrendPerWeek { get; set; }

        /// <summary>A new joiner whose activity ramps up over <see cref="OnboardingRampDays"/>.</summary>
        public bool RampsUp { get; set; }

        /// <summary>Courses completed without any effect on activity (a mandatory course): course and day index.</summary>
        public List<(SampleCourse Course, int Day)> OtherCompletions { get; } = new List<(SampleCourse, int)>();

        /// <summary>A course assigned but not completed (the person stays in the comparison group).</summary>
        public SampleCourse? OpenCourse { get; set; }

        public bool OpenCourseStarted { get; set; }

        /// <summary>The training's part of the expected active days per week on day <paramref name="d"/> (course work, then the effect).</summary>
        public double TrainingPart(int d)
        {
            if (CompletionDay < 0)
            {
                return 0;
            }

            if (d > CompletionDay)
            {
                return UpliftRampDays == 0 ? UpliftSize : UpliftSize * Math.Min(1.0, (d - CompletionDay) / (double)UpliftRampDays);
            }

            return AssignedDay >= 0 && d >= AssignedDay ? CourseWorkBump : 0;
        }

        /// <summary>Expected active days per week on day <paramref name="d"/>, with the organisation's trend and the department's factor.</summary>
        public double Rate(int d, double trend, double departmentFactor)
        {
            var usual = ActiveDaysPerWeek * departmentFactor;
            if (RampsUp)
            {
                usual *= Math.Min(1.0, Math.Max(0, d - FirstDay + 1) / (double)OnboardingRampDays);
            }

            return usual + trend + TrendPerWeek * d / 7.0 + TrainingPart(d);
        }
    }

    /// <summary>A course and the wave of completions it had.</summary>
    internal sealed class SampleCourse
    {
        public SampleCourse(string id, string title, string provider, int waveCentre)
        {
            Id = id;
            Title = title;
            Provider = provider;
            WaveCentre = waveCentre;
        }

        public string Id { get; }

        public string Title { get; }

        public string Provider { get; }

        /// <summary>Day index around which most people completed it.</summary>
        public int WaveCentre { get; }
    }

    /// <summary>
    /// Builds the people and training plan of a synthetic organisation from a seed. Everything is drawn from one
    /// <see cref="SeededRandom"/> in a fixed order, so a seed always gives the same organisation.
    /// </summary>
    internal sealed class SampleOrganisation
    {
        private static readonly (string Name, double Weight, string[] Titles)[] Departments =
        {
            ("Sales", 0.24, new[] { "Account Executive", "Sales Representative", "Key Account Manager", "Inside Sales Specialist" }),
            ("Engineering", 0.20, new[] { "Software Engineer", "Senior Software Engineer", "Test Engineer", "Site Reliability Engineer" }),
            ("Operations", 0.14, new[] { "Operations Analyst", "Logistics Coordinator", "Planner" }),
            ("Customer Service", 0.12, new[] { "Customer Advisor", "Support Specialist", "Quality Analyst" }),
            ("Marketing", 0.08, new[] { "Marketing Manager", "Content Strategist", "Digital Marketing Specialist", "Brand Manager" }),
            ("Finance", 0.06, new[] { "Accountant", "Financial Controller", "Payroll Specialist" }),
            ("IT", 0.05, new[] { "Systems Administrator", "Service Desk Analyst", "Security Analyst" }),
            ("Human Resources", 0.045, new[] { "HR Business Partner", "Recruiter", "Learning Specialist" }),
            ("Legal", 0.025, new[] { "Legal Counsel", "Paralegal" }),
            ("Communications", 0.02, new[] { "Communications Officer", "Community Manager", "Press Officer" }),
        };

        // Small on purpose, so reports show what suppression of small groups looks like.
        private static readonly (string Name, int Count, string[] Titles)[] SmallDepartments =
        {
            ("Executive Office", 3, new[] { "Chief Executive Officer", "Chief Operating Officer", "Executive Assistant" }),
            ("Internal Audit", 4, new[] { "Internal Auditor" }),
        };

        private static readonly (string Country, string Office, double Weight)[] Offices =
        {
            ("France", "Paris", 0.30), ("France", "Lyon", 0.10), ("Germany", "Berlin", 0.12), ("Germany", "Munich", 0.06),
            ("United Kingdom", "London", 0.14), ("Spain", "Madrid", 0.08), ("United States", "New York", 0.12),
            ("United States", "Chicago", 0.05), ("Canada", "Montréal", 0.03),
        };

        private static readonly (string Display, string Ascii)[] FirstNames =
        {
            ("Camille", "camille"), ("Léa", "lea"), ("Hugo", "hugo"), ("Chloé", "chloe"), ("Lucas", "lucas"), ("Inès", "ines"),
            ("Louis", "louis"), ("Manon", "manon"), ("Jules", "jules"), ("Zoé", "zoe"), ("Anna", "anna"), ("Jonas", "jonas"),
            ("Lena", "lena"), ("Felix", "felix"), ("Sophie", "sophie"), ("Oliver", "oliver"), ("Amelia", "amelia"), ("George", "george"),
            ("Isla", "isla"), ("Harry", "harry"), ("Lucía", "lucia"), ("Mateo", "mateo"), ("Martina", "martina"), ("Pablo", "pablo"),
            ("Emma", "emma"), ("Liam", "liam"), ("Olivia", "olivia"), ("Noah", "noah"), ("Ava", "ava"), ("Ethan", "ethan"),
            ("Maya", "maya"), ("Samir", "samir"), ("Aïcha", "aicha"), ("Yusuf", "yusuf"), ("Mei", "mei"), ("Kenji", "kenji"),
            ("Priya", "priya"), ("Arjun", "arjun"), ("Nora", "nora"), ("Elias", "elias"),
        };

        private static readonly (string Display, string Ascii)[] LastNames =
        {
            ("Martin", "martin"), ("Bernard", "bernard"), ("Dubois", "dubois"), ("Lefèvre", "lefevre"), ("Moreau", "moreau"),
            ("Garnier", "garnier"), ("Müller", "muller"), ("Schmidt", "schmidt"), ("Schneider", "schneider"), ("Fischer", "fischer"),
            ("Weber", "weber"), ("Smith", "smith"), ("Jones", "jones"), ("Taylor", "taylor"), ("Brown", "brown"), ("Williams", "williams"),
            ("García", "garcia"), ("Fernández", "fernandez"), ("López", "lopez"), ("Martínez", "martinez"), ("Johnson", "johnson"),
            ("Miller", "miller"), ("Davis", "davis"), ("Wilson", "wilson"), ("Tremblay", "tremblay"), ("Roy", "roy"), ("Gagnon", "gagnon"),
            ("Nguyen", "nguyen"), ("Haddad", "haddad"), ("Benali", "benali"), ("Kowalski", "kowalski"), ("Rossi", "rossi"),
            ("Bianchi", "bianchi"), ("Tanaka", "tanaka"), ("Sato", "sato"), ("Patel", "patel"), ("Singh", "singh"), ("O'Brien", "obrien"),
            ("Novak", "novak"), ("Andersen", "andersen"),
        };

        public const string Domain = "contoso.example";

        private static readonly string[] PartnerDomains = { "fabrikam.example", "northwind.example", "adatum.example" };

        private SampleOrganisation(IReadOnlyList<SamplePerson> people, IReadOnlyList<SampleCourse> courses, int departmentCount, double[][] departmentFactors)
        {
            People = people;
            Courses = courses;
            DepartmentCount = departmentCount;
            DepartmentFactors = departmentFactors;
        }

        /// <summary>Staff and guests; guests come last.</summary>
        public IReadOnlyList<SamplePerson> People { get; }

        /// <summary>Every course with records in the store (the mandatory course last, when there is one).</summary>
        public IReadOnlyList<SampleCourse> Courses { get; }

        public int DepartmentCount { get; }

        /// <summary>Each department's activity factor by week of the period: people of a team move together.</summary>
        public double[][] DepartmentFactors { get; }

        public double DepartmentFactor(SamplePerson person, int d) => DepartmentFactors[person.DepartmentIndex][d / 7];

        /// <summary>Draws the organisation: people, their hidden activity parameters and who completed which course when.</summary>
        public static SampleOrganisation Create(SampleStoreOptions options, DateTime firstDay, SeededRandom random)
        {
            var people = new List<SamplePerson>(options.Employees);
            var departmentSizes = SplitIntoDepartments(options.Employees);
            var usedNames = new Dictionary<string, int>(StringComparer.Ordinal);
            var ceo = default(SamplePerson);
            var departmentCount = 0;

            foreach (var (name, size, titles) in departmentSizes)
            {
                if (size == 0)
                {
                    continue;
                }

                departmentCount++;
                SamplePerson? head = null;
                SamplePerson? lead = null;
                for (var i = 0; i < size; i++)
                {
                    var (country, office) = name == "Executive Office" ? ("France", "Paris") : PickOffice(random);
                    var person = NewPerson(random, usedNames, people.Count);
                    person.Department = name;
                    person.Country = country;
                    person.OfficeLocation = office;
                    string title;
                    if (i == 0)
                    {
                        title = name == "Executive Office" ? titles[0] : "Head of " + name;
                    }
                    else if (size > 12 && i % 9 == 1)
                    {
                        title = name + " Team Lead";
                    }
                    else
                    {
                        title = name == "Executive Office" ? titles[Math.Min(i, titles.Length - 1)] : titles[random.Next(titles.Length)];
                    }

                    person.JobTitle = title;
                    var sample = new SamplePerson(person) { DepartmentIndex = departmentCount - 1 };
                    if (i == 0)
                    {
                        head = sample;
                        if (ceo == null)
                        {
                            ceo = sample;
                        }
                        else
                        {
                            SetManager(sample, ceo);
                        }
                    }
                    else
                    {
                        if (size > 12 && i % 9 == 1)
                        {
                            lead = sample;
                            SetManager(sample, head!);
                        }
                        else
                        {
                            SetManager(sample, lead ?? head!);
                        }
                    }

                    people.Add(sample);
                }
            }

            foreach (var sample in people)
            {
                DrawBehaviour(sample, options, firstDay, random);
            }

            var guests = AddGuests(people, options, usedNames, departmentCount, firstDay, random);
            var courses = PlanCourses(options.Days);
            AssignTraining(people, courses, options, random);
            if (options.Scenario == SampleScenario.MandatoryCourse)
            {
                var mandatory = new SampleCourse("COMP-100", "Data protection essentials", "Internal", options.Days / 2);
                AssignMandatoryCourse(people, mandatory, options, random);
                courses.Add(mandatory);
            }

            var factors = DepartmentShocks(departmentCount + (guests > 0 ? 1 : 0), options, random);
            return new SampleOrganisation(people, courses, departmentCount, factors);
        }

        /// <summary>
        /// A weekly factor per department, log-normal around 1 and persistent from week to week (AR(1), ρ = 0.8): a team's
        /// busy and quiet spells. Strong in the department-rollout scenario, mild elsewhere.
        /// </summary>
        private static double[][] DepartmentShocks(int departments, SampleStoreOptions options, SeededRandom random)
        {
            var sigma = options.Scenario == SampleScenario.DepartmentRollout ? 0.35 : 0.08;
            const double rho = 0.8;
            var weeks = options.Days / 7 + 1;
            var factors = new double[departments][];
            for (var i = 0; i < departments; i++)
            {
                factors[i] = new double[weeks];
                var level = Normal(random) * sigma;
                for (var w = 0; w < weeks; w++)
                {
                    factors[i][w] = Math.Exp(level - sigma * sigma / 2);
                    level = rho * level + Math.Sqrt(1 - rho * rho) * sigma * Normal(random);
                }
            }

            return factors;
        }

        /// <summary>A standard normal draw (Box–Muller).</summary>
        private static double Normal(SeededRandom random)
        {
            var u = 1.0 - random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        /// <summary>A few guests from partner organisations (about one per hundred employees): active, but never staff.</summary>
        private static int AddGuests(List<SamplePerson> people, SampleStoreOptions options, Dictionary<string, int> usedNames, int departmentIndex, DateTime firstDay, SeededRandom random)
        {
            var count = options.Employees / 100;
            for (var i = 0; i < count; i++)
            {
                var person = NewPerson(random, usedNames, people.Count);
                var partner = PartnerDomains[random.Next(PartnerDomains.Length)];
                var local = person.UserPrincipalName.Substring(0, person.UserPrincipalName.IndexOf('@'));
                person.Mail = local + "@" + partner;
                person.UserPrincipalName = local + "_" + partner + "#EXT#@" + Domain;
                person.DisplayName += " (" + partner.Substring(0, partner.IndexOf('.')) + ")";
                person.UserType = StaffAccount.Guest;
                var sample = new SamplePerson(person)
                {
                    DepartmentIndex = departmentIndex,
                    ActiveDaysPerWeek = 0.3 + random.NextDouble(),
                    EngagedOnlyDaysPerWeek = 0.5 + random.NextDouble(),
                    VivaEngageShare = 0.2,
                    TeamsShare = 0.9,
                    FirstDay = -random.Next(30, 700),
                };
                person.HireDate = null;
                people.Add(sample);
            }

            return count;
        }
        private static void SetManager(SamplePerson person, SamplePerson manager)
        {
            person.Person.ManagerId = manager.Person.Id;
            person.Person.ManagerUserPrincipalName = manager.Person.UserPrincipalName;
        }

        /// <summary>Department sizes: two fixed tiny ones, the rest split by weight with largest remainders.</summary>
        private static List<(string Name, int Size, string[] Titles)> SplitIntoDepartments(int employees)
        {
            var result = new List<(string, int, string[])>();
            var remaining = employees;
            foreach (var (name, count, titles) in SmallDepartments)
            {
                // Tiny organisations keep their people in the weighted departments.
                var size = employees >= 60 ? count : 0;
                result.Add((name, size, titles));
                remaining -= size;
            }

            var totalWeight = Departments.Sum(d => d.Weight);
            var exact = Departments.Select(d => remaining * d.Weight / totalWeight).ToArray();
            var sizes = exact.Select(e => (int)Math.Floor(e)).ToArray();
            var leftover = remaining - sizes.Sum();
            foreach (var index in exact.Select((e, i) => (Fraction: e - Math.Floor(e), Index: i)).OrderByDescending(x => x.Fraction).ThenBy(x => x.Index).Take(leftover))
            {
                sizes[index.Index]++;
            }

            result.InsertRange(0, Departments.Select((d, i) => (d.Name, sizes[i], d.Titles)));
            return result;
        }

        private static (string Country, string Office) PickOffice(SeededRandom random)
        {
            var roll = random.NextDouble() * Offices.Sum(o => o.Weight);
            foreach (var (country, office, weight) in Offices)
            {
                roll -= weight;
                if (roll < 0)
                {
                    return (country, office);
                }
            }

            return (Offices[0].Country, Offices[0].Office);
        }

        private static Person NewPerson(SeededRandom random, Dictionary<string, int> usedNames, int index)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var local = first.Ascii + "." + last.Ascii;
            usedNames.TryGetValue(local, out var seen);
            usedNames[local] = seen + 1;
            if (seen > 0)
            {
                local += (seen + 1).ToString(CultureInfo.InvariantCulture);
            }

            var upn = local + "@" + Domain;
            return new Person
            {
                Id = "00000000-0000-4000-8000-" + (index + 1).ToString("D12", CultureInfo.InvariantCulture),
                UserPrincipalName = upn,
                Mail = upn,
                DisplayName = first.Display + " " + last.Display,
            };
        }

        private static void DrawBehaviour(SamplePerson sample, SampleStoreOptions options, DateTime firstDay, SeededRandom random)
        {
            var person = sample.Person;

            // Most people never or hardly ever post; a few champions carry much of the activity (typical of
            // enterprise social networks: roughly a third to a half contribute at all over a quarter).
            var roll = random.NextDouble();
            var active = roll < 0.55 ? 0.005 : roll < 0.75 ? 0.08 : roll < 0.92 ? 0.6 : 2.0;
            active *= 0.8 + 0.4 * random.NextDouble();
            switch (person.Department)
            {
                case "Communications":
                case "Marketing":
                    active *= 1.5;
                    break;
                case "Legal":
                case "Finance":
                case "Internal Audit":
                    active *= 0.6;
                    break;
            }

            // Capped so that even with the organisation's trend and the largest allowed uplift, no weekday probability exceeds 1.
            sample.ActiveDaysPerWeek = Math.Min(SampleStoreGenerator.MaximumBaseActiveDaysPerWeek, active);
            sample.EngagedOnlyDaysPerWeek = random.Chance(0.2) ? 0.01 : 0.1 + 0.9 * random.NextDouble() + 0.3 * sample.ActiveDaysPerWeek;
            var externalFacing = person.Department == "Sales" || person.Department == "Marketing" || person.Department == "Communications";
            sample.UsesLinkedIn = random.Chance(externalFacing ? 0.6 : 0.25);
            sample.VivaEngageShare = 0.35 + 0.5 * random.NextDouble();
            sample.TeamsShare = 0.3 + 0.5 * random.NextDouble();

            var hiredDuringPeriod = random.Chance(options.Scenario == SampleScenario.Joiners ? 0.2 : 0.08);
            if (hiredDuringPeriod)
            {
                sample.FirstDay = random.Next(1, Math.Max(2, options.Days));
                sample.RampsUp = options.Scenario == SampleScenario.Joiners;
            }
            else
            {
                sample.FirstDay = -random.Next(30, 15 * 365);
            }

            person.HireDate = firstDay.AddDays(sample.FirstDay);
            if (random.Chance(0.03))
            {
                // A leaver: the directory keeps the account, disabled, with the leave date HR recorded.
                person.Enabled = false;
                sample.LastDay = random.Next(Math.Max(0, sample.FirstDay), Math.Max(sample.FirstDay + 1, options.Days));
                person.LeaveDate = firstDay.AddDays(sample.LastDay + 1);
            }
        }

        /// <summary>Three courses with waves at different months of the period.</summary>
        private static List<SampleCourse> PlanCourses(int days) => new List<SampleCourse>
        {
            new SampleCourse("SOC-101", "Social media essentials", "Internal", (int)(days * 0.30)),
            new SampleCourse("SOC-201", "Speaking for the company", "LinkedIn Learning", (int)(days * 0.50)),
            new SampleCourse("SOC-301", "Writing for LinkedIn", "Internal", (int)(days * 0.72)),
        };

        /// <summary>Days between assignment and completion in every scenario (the course work).</summary>
        public const int CourseWorkDays = 21;

        /// <summary>
        /// Picks who completes a course: already employed, still employed, more likely among people already active (volunteers
        /// tend to be enthusiasts, which is why a plain before/after or trained/untrained comparison would mislead). The
        /// department-rollout scenario trains whole departments instead; the joiners scenario also trains every new joiner
        /// in their first weeks.
        /// </summary>
        private static void AssignTraining(List<SamplePerson> people, List<SampleCourse> courses, SampleStoreOptions options, SeededRandom random)
        {
            var staff = people.Where(p => p.Person.UserType == StaffAccount.Member).ToList();
            var spread = Math.Max(1, (int)(options.Days * 0.06));
            var uplift = options.Scenario == SampleScenario.NoEffect || options.Scenario == SampleScenario.PreTrend || options.Scenario == SampleScenario.DepartmentRollout ? 0 : options.TrainingUplift;
            void Complete(SamplePerson person, int course, int day)
            {
                person.CompletionDay = Math.Max(0, Math.Min(options.Days - 1, day));
                person.CompletedCourse = courses[course];
                person.AssignedDay = person.CompletionDay - CourseWorkDays;
                person.UpliftSize = uplift;
                switch (options.Scenario)
                {
                    case SampleScenario.Staggered:
                        // Later waves learn from earlier ones: half, full and one and a half times the uplift, each growing over six weeks.
                        person.UpliftSize = Math.Min(SampleStoreGenerator.MaximumUplift, uplift * (0.5 + 0.5 * course));
                        person.UpliftRampDays = 42;
                        break;
                    case SampleScenario.Anticipation:
                        person.CourseWorkBump = uplift;
                        break;
                    case SampleScenario.PreTrend:
                        person.TrendPerWeek = 0.1;
                        break;
                }
            }

            if (options.Scenario == SampleScenario.DepartmentRollout)
            {
                // Four large departments, each trained in one wave (ordered by size so the choice does not depend on the seed).
                var departments = staff.GroupBy(p => p.DepartmentIndex).Where(g => g.Count() >= 12).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
                var chosen = departments.Where((_, i) => i % 2 == 1).Take(4).ToList();
                for (var i = 0; i < chosen.Count; i++)
                {
                    var centre = (int)(options.Days * (0.35 + 0.12 * i));
                    foreach (var person in chosen[i].Where(p => p.Person.Enabled && p.FirstDay <= 0))
                    {
                        Complete(person, i % courses.Count, centre + random.Next(-3, 4));
                    }
                }
            }
            else
            {
                var target = (int)Math.Round(staff.Count * options.TrainedShare, MidpointRounding.AwayFromZero);

                // Weighted sampling without replacement (Efraimidis–Spirakis): keep the largest u^(1/w).
                var ranked = staff
                    .Select((p, i) => (Person: p, Index: i, Key: Math.Pow(random.NextDouble(), 1.0 / (0.5 + p.ActiveDaysPerWeek))))
                    .Where(x => x.Person.Person.Enabled && x.Person.FirstDay <= 0)
                    .OrderByDescending(x => x.Key)
                    .ThenBy(x => x.Index)
                    .Take(target)
                    .OrderBy(x => x.Index)
                    .ToList();
                foreach (var (person, _, _) in ranked)
                {
                    var course = random.Next(courses.Count);
                    Complete(person, course, courses[course].WaveCentre + random.Next(-spread, spread + 1));
                }
            }

            if (options.Scenario == SampleScenario.Joiners)
            {
                foreach (var person in staff.Where(p => p.FirstDay > 0 && p.CompletionDay < 0))
                {
                    var day = person.FirstDay + random.Next(7, 36);
                    if (day < options.Days && day <= person.LastDay)
                    {
                        Complete(person, 0, day);
                    }
                }
            }

            // Some people started a course without completing it: they still belong to the comparison group.
            foreach (var person in staff)
            {
                if (person.CompletionDay < 0 && person.Person.Enabled && random.Chance(0.04))
                {
                    person.OpenCourse = courses[random.Next(courses.Count)];
                    person.OpenCourseStarted = random.Chance(0.5);
                }
            }
        }

        /// <summary>An unrelated mandatory course that 85% of staff complete at some point of the period, with no effect on activity.</summary>
        private static void AssignMandatoryCourse(List<SamplePerson> people, SampleCourse mandatory, SampleStoreOptions options, SeededRandom random)
        {
            foreach (var person in people.Where(p => p.Person.UserType == StaffAccount.Member && p.Person.Enabled && p.FirstDay <= 0))
            {
                if (random.Chance(0.85))
                {
                    person.OtherCompletions.Add((mandatory, random.Next((int)(options.Days * 0.1), (int)(options.Days * 0.9))));
                }
            }
        }
    }
}
