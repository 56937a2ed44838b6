using System.Runtime.InteropServices;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SocialToolkit.Core.Labels;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// The participation workbook as its readers meet it: in French, with gaps in the data, with individual rows, with hostile
/// text. What the report reads from the store in SQL and records in it (the split scan, the release ledger) runs on both
/// backends; how the workbook is written (labels, layout, gaps and partial weeks, pseudonyms, cleaned text) is worked out
/// the same way whatever the store, and runs on the file only.
/// </summary>
public sealed class ParticipationWorkbookTests : IClassFixture<SampleStoreFixture>
{
    private readonly SampleStoreFixture samples;

    public ParticipationWorkbookTests(SampleStoreFixture samples) => this.samples = samples;

    private static ParticipationReportInfo Export(ParticipationReportRequest request) => ParticipationReport.Export(request, SilentReporter.Instance, CancellationToken.None);

    private static List<ValidationErrorInfo> Validate(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        return new OpenXmlValidator().Validate(document).ToList();
    }

    [Fact]
    public void A_French_workbook_has_French_labels_and_the_same_tables()
    {
        using var temp = new TempDirectory();
        var path = temp.File("fr.xlsx");
        var info = Export(new ParticipationReportRequest { Path = path, StorePath = samples.CopyTo(temp), Language = ReportLanguage.Fr, IncludeIndividuals = true });

        Assert.Empty(Validate(path));
        using var workbook = new XLWorkbook(path);
        Assert.Equal(new[] { "Synthèse", "Par Service", "Semaines", "Réseaux", "Personnes", "À propos" }, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(new[] { "Summary", "ByDepartment", "Weekly", "Networks", "People", "About" }, workbook.Worksheets.Select(w => w.Tables.Single().Name));
        Assert.Equal(info.Sheets, workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet("Synthèse");
        Assert.StartsWith("Participation aux réseaux sociaux", summary.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Ce rapport porte sur la période du 2026-03-03 au 2026-05-31", summary.Cell(2, 1).GetString(), StringComparison.Ordinal);
        var measures = summary.Table("Summary").DataRange.Rows().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));
        Assert.Equal(info.Headcount, (int)measures["Effectif"].GetDouble());
        Assert.Equal(info.ParticipationRate!.Value, measures["Taux de participation"].GetDouble(), 10);
        Assert.Contains("Taux de lecture ou de réaction", WorkbookTests.Headers(workbook.Worksheet("Par Service").Table("ByDepartment")).Keys);
        var hidden = workbook.Worksheet("Par Service").Table("ByDepartment").DataRange.Rows().Single(r => r.Cell(1).GetString() == "Executive Office");
        Assert.Equal("Masqué : moins de 5 personnes", hidden.Cell(WorkbookTests.Headers(workbook.Worksheet("Par Service").Table("ByDepartment"))["Remarque"]).GetString());

        // Charts: French titles and axis titles, references to the French sheet names.
        using var package = SpreadsheetDocument.Open(path, false);
        var charts = package.WorkbookPart!.WorksheetParts.SelectMany(p => p.DrawingsPart?.ChartParts ?? Enumerable.Empty<ChartPart>()).Select(c => c.ChartSpace.OuterXml).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains(charts, c => c.Contains("Taux de participation par service", StringComparison.Ordinal) && c.Contains("'Par Service'!$A$2", StringComparison.Ordinal));
        Assert.All(charts, c => Assert.Contains("Part de l'effectif qui publie ou répond", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_label_has_an_English_and_a_French_text()
    {
        foreach (var key in ReportLabels.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(ReportLabels.English[key]), key);
            Assert.False(string.IsNullOrWhiteSpace(ReportLabels.French[key]), key);
        }

        Assert.Equal(ReportLanguage.Fr, ReportRequest.LanguageOf(System.Globalization.CultureInfo.GetCultureInfo("fr-CA")));
        Assert.Equal(ReportLanguage.En, ReportRequest.LanguageOf(System.Globalization.CultureInfo.GetCultureInfo("de-DE")));
    }

    [Fact]
    public void After_a_first_sync_of_seven_days_the_report_covers_those_seven_days()
    {
        using var temp = new TempDirectory();
        var store = temp.File("week.db");
        SampleStoreGeneratorTests.Create(store, employees: 80, days: 7);
        var path = temp.File("week.xlsx");
        var info = Export(new ParticipationReportRequest { Path = path, StorePath = store });

        Assert.Equal(7, (info.To - info.From).TotalDays + 1);
        using var workbook = new XLWorkbook(path);
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(7.0, WorkbookTests.Value(summary, "Days in period"));
        Assert.Equal(7.0, WorkbookTests.Value(summary, "Days covered"));
    }

    [Fact]
    public void A_two_week_gap_is_blank_and_drawn_as_a_gap_and_partial_weeks_are_marked()
    {
        using var temp = new TempDirectory();
        var storePath = temp.File("gap.db");
        SampleStoreGeneratorTests.Create(storePath, employees: 80, days: 60);
        using (var store = SocialStore.Open(storePath, createIfMissing: false))
        {
            // 2026-04-27 (Monday) to 2026-05-10 (Sunday): two whole ISO weeks missing for every network.
            using var delete = store.Command("DELETE FROM activity WHERE day BETWEEN '2026-04-27' AND '2026-05-10'; DELETE FROM coverage WHERE day BETWEEN '2026-04-27' AND '2026-05-10';");
            delete.ExecuteNonQuery();
        }

        var path = temp.File("gap.xlsx");
        Export(new ParticipationReportRequest { Path = path, StorePath = storePath });
        using var workbook = new XLWorkbook(path);
        var table = workbook.Worksheet("Weekly").Table("Weekly");
        var headers = WorkbookTests.Headers(table);
        var rows = table.DataRange.Rows().ToDictionary(r => r.Cell(1).GetString());
        foreach (var week in new[] { "2026-W18", "2026-W19" })
        {
            var row = rows[week];
            Assert.Equal(0.0, row.Cell(headers["Days covered"]).GetDouble());
            Assert.True(row.Cell(headers["Active contributors"]).IsEmpty(), week + " is unknown, not zero");
            Assert.True(row.Cell(headers["Participation rate"]).IsEmpty());
            Assert.True(row.Cell(headers["Headcount"]).IsEmpty());
            Assert.Equal("No day covered: unknown, not zero", row.Cell(headers["Note"]).GetString());
        }

        var complete = rows["2026-W17"];
        Assert.Equal(7.0, complete.Cell(headers["Days covered"]).GetDouble());
        Assert.True(complete.Cell(headers["Participation rate"]).GetDouble() > 0);
        Assert.True(complete.Cell(headers["Note"]).IsEmpty());

        // The sample ends on Sunday 2026-05-31 and starts on Thursday 2026-04-02: the first week is partial.
        var first = table.DataRange.Rows().First();
        Assert.Contains("Incomplete week: 4 of 7 days covered (partial week at the edge of the period)", first.Cell(headers["Note"]).GetString(), StringComparison.Ordinal);
        Assert.True(first.Cell(headers["Participation rate (complete weeks)"]).IsEmpty());

        // The chart draws the complete-weeks column: no point for the partial week or the gap.
        using var package = SpreadsheetDocument.Open(path, false);
        var line = package.WorkbookPart!.WorksheetParts.SelectMany(p => p.DrawingsPart?.ChartParts ?? Enumerable.Empty<ChartPart>())
            .Select(c => c.ChartSpace).Single(c => c.Descendants<DocumentFormat.OpenXml.Drawing.Charts.LineChart>().Any());
        var points = line.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => (int)p.Index!.Value).ToList();
        var order = table.DataRange.Rows().Select(r => r.Cell(1).GetString()).ToList();
        Assert.DoesNotContain(order.IndexOf("2026-W18"), points);
        Assert.DoesNotContain(0, points);
        Assert.Contains(order.IndexOf("2026-W17"), points);
        Assert.Equal(DocumentFormat.OpenXml.Drawing.Charts.DisplayBlanksAsValues.Gap, line.Descendants<DocumentFormat.OpenXml.Drawing.Charts.DisplayBlanksAs>().Single().Val!.Value);
    }

    [Fact]
    public void Workbooks_with_individual_rows_are_owner_only_and_pseudonyms_are_keyed_per_workbook()
    {
        using var temp = new TempDirectory();
        var store = samples.CopyTo(temp);
        var first = temp.File("a.xlsx");
        var second = temp.File("b.xlsx");
        Export(new ParticipationReportRequest { Path = first, StorePath = store, IncludeIndividuals = true });
        Export(new ParticipationReportRequest { Path = second, StorePath = store, IncludeIndividuals = true });
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first));
        }

        static HashSet<string> Pseudonyms(string path)
        {
            using var workbook = new XLWorkbook(path);
            return workbook.Worksheet("People").Table("People").DataRange.Rows().Select(r => r.Cell(1).GetString()).ToHashSet();
        }

        var a = Pseudonyms(first);
        Assert.True(a.Count > 400, "every staff member has a row");
        Assert.Empty(a.Intersect(Pseudonyms(second)));

        var linkedA = temp.File("la.xlsx");
        var linkedB = temp.File("lb.xlsx");
        Export(new ParticipationReportRequest { Path = linkedA, StorePath = store, IncludeIndividuals = true, LinkPseudonyms = true });
        Export(new ParticipationReportRequest { Path = linkedB, StorePath = store, IncludeIndividuals = true, LinkPseudonyms = true });
        Assert.Equal(Pseudonyms(linkedA), Pseudonyms(linkedB));

        var error = Assert.Throws<SocialToolkitException>(() => Export(new ParticipationReportRequest { Path = temp.File("c.xlsx"), StorePath = store, LinkPseudonyms = true }));
        Assert.Equal("LinkPseudonymsWithoutPseudonyms", error.ErrorId);
    }

    [Fact]
    public void Control_characters_in_names_are_removed_everywhere_in_the_workbook()
    {
        using var temp = new TempDirectory();
        var storePath = temp.File("hostile.db");
        var day = new DateTime(2026, 3, 2);
        var hostile = "Sales\u0001 \u001Fteam\u0007\u0085";
        using (var store = SocialStore.Open(storePath))
        {
            var people = Enumerable.Range(0, 12).Select(i => new Person { Id = "id" + i, UserPrincipalName = $"p{i}@x.test", DisplayName = "Name\u000B" + i, Department = i < 6 ? hostile : "IT\u0008", JobTitle = "Agent\u0002" }).ToList();
            store.InTransaction(t => store.UpsertPeople(people, "Test", t));
            var ids = store.LoadPersonDirectory();
            store.InTransaction(t => store.ReplaceActivityDay("VivaEngage", day, people.Select(p => (ids.Find(p.UserPrincipalName)!.Value, new ActivityDay { Day = day, Network = "VivaEngage", Posts = 1 })), "Test", t));
        }

        var path = temp.File("hostile.xlsx");
        Export(new ParticipationReportRequest { Path = path, StorePath = storePath, MinimumGroupSize = 1, IncludeIndividuals = true, IncludeNames = true, GroupBy = Core.Analytics.ReportGroupBy.JobTitle });

        Assert.Empty(Validate(path));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                var xml = reader.ReadToEnd();
                Assert.DoesNotContain(xml, c => c < 0x20 && c != '\n' && c != '\r' && c != '\t');
                Assert.DoesNotContain("&#x1;", xml, StringComparison.OrdinalIgnoreCase);
            }
        }

        using var workbook = new XLWorkbook(path);
        Assert.Contains("Sales team", workbook.Worksheet("People").Table("People").DataRange.Rows().Select(r => r.Cell(2).GetString()));
    }

    [Theory]
    [InlineData("a\u0000b\u001Fc\u007Fd\u0085e", "abcde")]
    [InlineData("line\nbreak\ttab\r", "line\nbreaktab")]
    [InlineData("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept")]
    public void Text_for_a_workbook_loses_what_XML_or_a_label_cannot_carry(string text, string expected)
    {
        Assert.Equal(expected, SocialToolkit.Reports.Workbook.CellFormats.XmlSafe(text));
        Assert.Equal("axb", SocialToolkit.Reports.Workbook.CellFormats.XmlSafe(new string(new[] { 'a', '\uD800', 'x', '\uDC00', 'b' })));
        Assert.Equal("By xy", SocialToolkit.Reports.Workbook.CellFormats.SheetName("By x[y]:\u0001"));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void The_two_halves_of_a_split_scan_hold_every_row_once(string backend)
    {
        var sample = samples.For(backend);
        using var store = SocialStore.Open(sample.StorePath, createIfMissing: false);
        var (from, to) = (new DateTime(2026, 3, 3), new DateTime(2026, 5, 31));
        var ids = store.ReadReportPeople().Select(p => p.Id).OrderBy(id => id).ToList();
        var middle = ids[ids.Count / 2];
        string Key(ActivityRow r) => $"{r.PersonId}/{r.Network}/{r.Day:yyyy-MM-dd}/{r.Posts}/{r.Replies}/{r.Reactions}/{r.Reads}/{r.Shares}";
        var networks = store.ReadCoverage().Select(c => c.Network).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        string Numbered(NumberedActivityRow r) => $"{r.PersonId}/{networks[r.Network]}/{from.AddDays(r.Day):yyyy-MM-dd}/{r.Posts}/{r.Replies}/{r.Reactions}/{r.Reads}/{r.Shares}";
        var whole = store.StreamActivity(from, to).Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var halves = store.ScanActivity(from, to, networks, long.MinValue, middle - 1).Concat(store.ScanActivity(from, to, networks, middle, long.MaxValue)).Select(Numbered).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(whole.Count > 1_000, $"{whole.Count} rows");
        Assert.Equal(whole, halves);

        // People are read in halves of the id range the same way.
        var range = store.PersonIdRange();
        Assert.Equal((ids[0], ids[^1], ids.Count), range);
        var all = store.ReadReportPeople();
        (long, string, string?, DateTime?, DateTime?, string, bool, string, string?, string?, string?, string?) Everything(Core.Analytics.ReportPerson p) =>
            (p.Id, p.UserPrincipalName, p.Department, p.HireDate, p.LeaveDate, p.UserType, p.Enabled, p.DisplayName, p.Country, p.Office, p.JobTitle, p.Manager);
        var peopleInHalves = store.ReadReportPeople(long.MinValue, middle - 1, ReportPersonDetails.All).Concat(store.ReadReportPeople(middle, long.MaxValue, ReportPersonDetails.All));
        Assert.Equal(all.Select(Everything), peopleInHalves.Select(Everything));

        // Details not asked for are left out; what every report needs is always there.
        var titles = store.ReadReportPeople(long.MinValue, long.MaxValue, ReportPersonDetails.JobTitle);
        Assert.Equal(all.Select(p => (p.Id, p.UserPrincipalName, p.Department, p.HireDate, p.LeaveDate, p.UserType, p.Enabled, p.JobTitle)), titles.Select(p => (p.Id, p.UserPrincipalName, p.Department, p.HireDate, p.LeaveDate, p.UserType, p.Enabled, p.JobTitle)));
        Assert.All(titles, p => Assert.True(p.DisplayName.Length == 0 && p.Country == null && p.Office == null && p.Manager == null));
        Assert.Contains(all, p => p.DisplayName.Length > 0 && p.Country != null && p.Office != null && p.JobTitle != null && p.Manager != null);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Four_groupings_written_from_one_store_leave_no_small_group_to_subtract(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var storePath = sample.CopyTo(temp);
        var groupings = new[] { Core.Analytics.ReportGroupBy.Department, Core.Analytics.ReportGroupBy.JobTitle, Core.Analytics.ReportGroupBy.Country, Core.Analytics.ReportGroupBy.Office };
        var published = new List<(string Label, double Posts, HashSet<long> People)>();
        List<Core.Analytics.ReportPerson> staff;
        using (var store = SocialStore.Open(storePath, createIfMissing: false))
        {
            // The attack the sample must offer: Sales by department is its reps plus a one-person "Chief Executive" title.
            using (var titles = store.Command("UPDATE person SET job_title = 'Sales representative' WHERE department = 'Sales'; UPDATE person SET job_title = 'Chief Executive' WHERE id = (SELECT min(id) FROM person WHERE department = 'Sales');"))
            {
                titles.ExecuteNonQuery();
            }

            var (from, to) = (new DateTime(2026, 3, 3), new DateTime(2026, 5, 31));
            staff = store.ReadReportPeople().Where(p => Enumerable.Range(0, 90).Any(d => p.IsStaffOn(from.AddDays(d)))).ToList();
        }

        foreach (var groupBy in groupings)
        {
            var path = temp.File(groupBy + ".xlsx");
            Export(new ParticipationReportRequest { Path = path, StorePath = storePath, GroupBy = groupBy, IncludeIndividuals = groupBy == Core.Analytics.ReportGroupBy.Office });
            using var workbook = new XLWorkbook(path);
            var table = workbook.Worksheets.Single(w => w.Name.StartsWith("By ", StringComparison.Ordinal)).Tables.Single();
            var headers = WorkbookTests.Headers(table);
            var everyone = staff.Select(p => p.Id).ToHashSet();
            var totalPosts = (double)WorkbookTests.Value(workbook.Worksheet("Summary"), "Posts")!;
            published.Add(("total", totalPosts, everyone));
            var shownPeople = new HashSet<long>();
            double shownPosts = 0;
            foreach (var row in table.DataRange.Rows().Where(r => !r.Cell(headers["Headcount"]).IsEmpty()))
            {
                var label = row.Cell(1).GetString();
                var members = staff.Where(p => p.GroupValue(groupBy) == label).Select(p => p.Id).ToHashSet();
                Assert.Equal(members.Count, (int)row.Cell(headers["Headcount"]).GetDouble());
                var posts = row.Cell(headers["Posts"]).GetDouble();
                published.Add((groupBy + " " + label, posts, members));
                shownPeople.UnionWith(members);
                shownPosts += posts;
            }

            published.Add((groupBy + " total minus shown rows", totalPosts - shownPosts, everyone.Except(shownPeople).ToHashSet()));

            if (groupBy == Core.Analytics.ReportGroupBy.Office)
            {
                var people = workbook.Worksheet("People").Table("People");
                foreach (var column in new[] { "Department", "Office" })
                {
                    var hidden = people.DataRange.Rows().Count(r => r.Cell(WorkbookTests.Headers(people)[column]).GetString() == "(hidden)");
                    Assert.True(hidden == 0 || hidden >= 5, $"{hidden} people under (hidden) in {column}");
                }
            }
        }

        // The attacker's move: subtract any published figure from one about a few more people.
        foreach (var a in published.Where(f => f.People.Count > 0))
        {
            Assert.False(a.People.Count < 5, $"'{a.Label}' is about {a.People.Count} people");
            foreach (var b in published.Where(b => b.People.IsSubsetOf(a.People)))
            {
                var few = a.People.Count - b.People.Count;
                Assert.False(few is > 0 and < 5, $"'{a.Label}' minus '{b.Label}' gives {a.Posts - b.Posts} posts of {few} people");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_written_workbook_records_what_it_published_and_a_failed_one_records_nothing(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp);
        Assert.ThrowsAny<SocialToolkitException>(() => Export(new ParticipationReportRequest { Path = Path.Combine(temp.Path, "missing", "x.xlsx"), StorePath = store }));
        using (var opened = SocialStore.Open(store, createIfMissing: false))
        {
            Assert.Equal(0, opened.CountReleases());
        }

        Export(new ParticipationReportRequest { Path = temp.File("a.xlsx"), StorePath = store });
        int afterFirst;
        using (var opened = SocialStore.Open(store, createIfMissing: false))
        {
            afterFirst = opened.CountReleases();
            Assert.True(afterFirst > 2);
        }

        // The same workbook again publishes nothing new.
        Export(new ParticipationReportRequest { Path = temp.File("b.xlsx"), StorePath = store });
        using (var opened = SocialStore.Open(store, createIfMissing: false))
        {
            Assert.Equal(afterFirst, opened.CountReleases());
        }
    }

    [Fact]
    public void About_rows_are_tall_enough_for_their_text_and_print_one_page_wide_on_A4()
    {
        using var temp = new TempDirectory();
        var path = temp.File("about.xlsx");
        Export(new ParticipationReportRequest { Path = path, StorePath = samples.CopyTo(temp), Language = ReportLanguage.Fr });
        using var workbook = new XLWorkbook(path);
        var about = workbook.Worksheet("À propos");
        Assert.Equal(XLPaperSize.A4Paper, about.PageSetup.PaperSize);
        Assert.Equal(1, about.PageSetup.PagesWide);
        var width = about.Column(1).Width + about.Column(2).Width;
        Assert.InRange(width, 100, 130);
        foreach (var row in about.Table("About").DataRange.Rows())
        {
            var text = row.Cell(2).GetString();
            var needed = Math.Ceiling(text.Length / (about.Column(2).Width - 4));
            Assert.True(about.Row(row.RowNumber()).Height >= 15 * needed, $"row '{row.Cell(1).GetString()}' is too short for its text");
        }
    }
}
