using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Sample
{
    /// <summary>One synthetic employee with the hidden parameters that drive their activity.</summary>
    internal sealed class SamplePerson
    {
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

        /// <summary>Day index after which a disabled account no longer acts; int.MaxValue for enabled people.</summary>
        public int LastDay { get; set; } = int.MaxValue;

        /// <summary>Day index of the completed course, or -1 for people never trained.</summary>
        public int CompletionDay { get; set; } = -1;

        public SampleCourse? CompletedCourse { get; set; }

        /// <summary>A course assigned but not completed (the person stays in the never-trained control).</summary>
        public SampleCourse? OpenCourse { get; set; }

        public bool OpenCourseStarted { get; set; }
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

        private SampleOrganisation(IReadOnlyList<SamplePerson> people, IReadOnlyList<SampleCourse> courses, int departmentCount)
        {
            People = people;
            Courses = courses;
            DepartmentCount = departmentCount;
        }

        public IReadOnlyList<SamplePerson> People { get; }

        public IReadOnlyList<SampleCourse> Courses { get; }

        public int DepartmentCount { get; }

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
                    var sample = new SamplePerson(person);
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

            var courses = PlanCourses(options.Days);
            AssignTraining(people, courses, options, random);
            return new SampleOrganisation(people, courses, departmentCount);
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

            var hiredDuringPeriod = random.Chance(0.08);
            if (hiredDuringPeriod)
            {
                sample.FirstDay = random.Next(1, Math.Max(2, options.Days));
            }
            else
            {
                sample.FirstDay = -random.Next(30, 15 * 365);
            }

            person.HireDate = firstDay.AddDays(sample.FirstDay);
            if (random.Chance(0.03))
            {
                person.Enabled = false;
                sample.LastDay = random.Next(Math.Max(0, sample.FirstDay), Math.Max(sample.FirstDay + 1, options.Days));
            }
        }

        /// <summary>Three courses with waves at different months of the period.</summary>
        private static List<SampleCourse> PlanCourses(int days) => new List<SampleCourse>
        {
            new SampleCourse("SOC-101", "Social media essentials", "Internal", (int)(days * 0.30)),
            new SampleCourse("SOC-201", "Speaking for the company", "LinkedIn Learning", (int)(days * 0.50)),
            new SampleCourse("SOC-301", "Writing for LinkedIn", "Internal", (int)(days * 0.72)),
        };

        /// <summary>
        /// Picks who completes a course: already employed, still enabled, more likely among people already active (volunteers
        /// tend to be enthusiasts, which is why a plain before/after or trained/untrained comparison would mislead).
        /// </summary>
        private static void AssignTraining(List<SamplePerson> people, List<SampleCourse> courses, SampleStoreOptions options, SeededRandom random)
        {
            var target = (int)Math.Round(people.Count * options.TrainedShare, MidpointRounding.AwayFromZero);
            var spread = Math.Max(1, (int)(options.Days * 0.06));

            // Weighted sampling without replacement (Efraimidis–Spirakis): keep the largest u^(1/w).
            var ranked = people
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
                var offset = random.Next(-spread, spread + 1);
                person.CompletionDay = Math.Max(0, Math.Min(options.Days - 1, courses[course].WaveCentre + offset));
                person.CompletedCourse = courses[course];
            }

            // Some people started a course without completing it: they still belong to the never-trained control.
            foreach (var person in people)
            {
                if (person.CompletionDay < 0 && person.Person.Enabled && random.Chance(0.04))
                {
                    person.OpenCourse = courses[random.Next(courses.Count)];
                    person.OpenCourseStarted = random.Chance(0.5);
                }
            }
        }
    }
}
