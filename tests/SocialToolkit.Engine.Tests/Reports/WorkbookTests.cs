using System.Globalization;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// Both workbooks on the sample organisation. The participation contract and the training effect measured against the
/// truth the generator recorded run on both backends; the training workbook's layout is the same whatever the store, and
/// runs on the file only.
/// </summary>
public sealed class WorkbookTests : IClassFixture<SampleStoreFixture>
{
    private readonly SampleStoreFixture samples;

    public WorkbookTests(SampleStoreFixture samples) => this.samples = samples;

    internal static Dictionary<string, int> Headers(IXLTable table) =>
        table.HeadersRow().Cells().Select((c, i) => (Text: c.GetString(), Index: i + 1)).ToDictionary(x => x.Text, x => x.Index);

    internal static object? Value(IXLWorksheet sheet, string measure)
    {
        var table = sheet.Table("Summary");
        var row = table.DataRange.Rows().Single(r => r.Cell(1).GetString() == measure);
        var cell = row.Cell(2);
        return cell.IsEmpty() ? null : cell.Value;
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Participation_workbook_has_the_contract_sheets_tables_headers_and_typed_values(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var path = temp.File("participation.xlsx");
        var info = ParticipationReport.Export(new ParticipationReportRequest { Path = path, StorePath = sample.CopyTo(temp) }, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(path, info.FullName);
        Assert.Equal(new DateTime(2026, 5, 31), info.To);
        Assert.Equal(new DateTime(2026, 3, 3), info.From);
        Assert.Single(Directory.GetFiles(temp.Path, "*.xlsx"));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        using var workbook = new XLWorkbook(path);
        Assert.Equal(new[] { "Summary", "By Department", "Weekly", "Networks", "About" }, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(new[] { "Summary", "ByDepartment", "Weekly", "Networks", "About" }, workbook.Worksheets.Select(w => w.Tables.Single().Name));

        var byDepartment = workbook.Worksheet("By Department").Table("ByDepartment");
        Assert.Equal(new[] { "Department", "Headcount", "Active contributors", "Participation rate", "Readers or reactors", "Posts", "Replies", "Reactions", "Posts per head" },
            Headers(byDepartment).Keys.Take(9));
        Assert.Contains("Reading or reacting rate", Headers(byDepartment).Keys);
        Assert.Equal("Note", Headers(byDepartment).Keys.Last());
        var weeklyHeaders = Headers(workbook.Worksheet("Weekly").Table("Weekly")).Keys.ToList();
        Assert.Equal(new[] { "Week", "Week start", "Active contributors", "Participation rate", "Posts" }, weeklyHeaders.Take(5));
        Assert.Contains("Days covered", weeklyHeaders);
        Assert.Contains("Headcount", weeklyHeaders);
        var networks = workbook.Worksheet("Networks").Table("Networks");
        Assert.Equal(new[] { "Network", "Kind" }, Headers(networks).Keys.Take(2));
        var engage = networks.DataRange.Rows().Single(r => r.Cell(1).GetString() == "Viva Engage");
        Assert.Equal("Internal", engage.Cell(2).GetString());
        Assert.Equal("n/a", engage.Cell(Headers(networks)["Shares"]).GetString());
        Assert.Equal("External", networks.DataRange.Rows().Single(r => r.Cell(1).GetString() == "LinkedIn").Cell(2).GetString());

        var summary = workbook.Worksheet("Summary");
        var headcount = (double)Value(summary, "Headcount")!;
        var active = (double)Value(summary, "Active contributors")!;
        Assert.Equal(info.Headcount, (int)headcount);
        Assert.Equal(active / headcount, (double)Value(summary, "Participation rate")!, 10);
        Assert.Equal(XLDataType.DateTime, summary.Table("Summary").DataRange.Rows().First().Cell(2).DataType);
        Assert.Equal(90.0, Value(summary, "Days in period"));
        Assert.Equal(90.0, Value(summary, "Days covered"));
        Assert.StartsWith("Participation in social networks", summary.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("This report covers 2026-03-03 to 2026-05-31", summary.Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.NotNull(Value(summary, "External: participation rate"));

        // Rows: figures are numbers, a small department keeps its name with blank figures and a note.
        var rows = byDepartment.DataRange.Rows().ToList();
        AssertHiddenRowsCannotBeRecovered(rows, headcount);
        var executive = rows.Single(r => r.Cell(1).GetString() == "Executive Office");
        Assert.True(executive.Cell(2).IsEmpty());
        Assert.True(executive.Cell(4).IsEmpty());
        Assert.Equal("Hidden: fewer than 5 people", executive.Cell(Headers(byDepartment)["Note"]).GetString());
        var sales = rows.First();
        Assert.Equal("Sales", sales.Cell(1).GetString());
        Assert.Equal(XLDataType.Number, sales.Cell(2).DataType);
        Assert.Equal("0.0%", sales.Cell(4).Style.NumberFormat.Format);

        // Frozen header, readable widths, the charts next to the summary.
        Assert.Equal(1, workbook.Worksheet("Weekly").SheetView.SplitRow);
        Assert.InRange(workbook.Worksheet("By Department").Column(1).Width, 12, 60);
        using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var summaryPart = package.WorkbookPart!.WorksheetParts.Single(p => p.TableDefinitionParts.Any(t => t.Table.Name == "Summary"));
        Assert.Equal(2, summaryPart.DrawingsPart!.ChartParts.Count());
    }

    /// <summary>Hidden rows' people: total minus the shown rows (what a reader could compute), which must cover at least two groups of 5+ together.</summary>
    private static void AssertHiddenRowsCannotBeRecovered(List<IXLTableRow> rows, double total)
    {
        var hidden = total - rows.Where(r => !r.Cell(2).IsEmpty()).Sum(r => r.Cell(2).GetDouble());
        Assert.True(rows.Count(r => r.Cell(2).IsEmpty()) >= 2, "one hidden row alone equals the total minus the others");
        Assert.True(hidden >= 5, "the hidden rows together must not be a small group");
    }

    [Fact]
    public void Training_effect_workbook_has_the_contract_summary_and_group_sheets()
    {
        using var temp = new TempDirectory();
        var path = temp.File("training.xlsx");
        var info = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = path, StorePath = samples.StorePath }, SilentReporter.Instance, CancellationToken.None);

        using var workbook = new XLWorkbook(path);
        Assert.Equal(new[] { "Summary", "Event Study", "By Course", "By Cohort", "By Department", "By Network", "About" }, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(new[] { "Summary", "EventStudy", "ByCourse", "ByCohort", "ByDepartment", "ByNetwork", "About" }, workbook.Worksheets.Select(w => w.Tables.Single().Name));
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(new[] { "Measure", "Value" }, Headers(summary.Table("Summary")).Keys);
        foreach (var measure in new[] { "Trained people", "Control people", "Window (days)", "Difference in differences (active days per week)", "95% interval low", "95% interval high", "Placebo effect (active days per week)", "Relative effect" })
        {
            Assert.IsType<double>(Value(summary, measure));
        }

        // The verdict comes first, in plain words, then the pre-trend check.
        var measures = summary.Table("Summary").DataRange.Rows().Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(new[] { "Verdict", "Pre-trend check" }, measures.Take(2));
        Assert.StartsWith("Trained people became more active", (string)Value(summary, "Verdict")!);
        Assert.Contains((string)Value(summary, "Pre-trend check")!, new[] { "passed", "failed", "not enough data" });
        Assert.Matches("^[0-9]+ departments \\([0-9]+ with trained people\\)$", (string)Value(summary, "Clusters")!);
        Assert.Contains("wild cluster bootstrap", (string)Value(summary, "Interval method")!);

        var eventStudy = workbook.Worksheet("Event Study").Table("EventStudy");
        Assert.Equal(new[] { "Week", "Effect", "95% low", "95% high", "Trained people", "Control people" }, Headers(eventStudy).Keys.Take(6));
        Assert.Equal(Enumerable.Range(-8, 21).Select(w => (double)w), eventStudy.DataRange.Rows().Select(r => r.Cell(1).GetDouble()));
        foreach (var sheet in new[] { "By Course", "By Cohort", "By Department", "By Network" })
        {
            var headers = Headers(workbook.Worksheet(sheet).Tables.Single()).Keys.ToList();
            Assert.All(new[] { "Effect", "95% low", "95% high", "Trained people", "Note" }, h => Assert.Contains(h, headers));
        }

        Assert.Equal(28.0, Value(summary, "Window (days)"));
        Assert.Equal(info.Effect!.Value, (double)Value(summary, "Difference in differences (active days per week)")!, 10);
        Assert.Equal(info.TrainedPeople, (int)(double)Value(summary, "Trained people")!);
        Assert.Equal(new[] { "SOC-101", "SOC-201", "SOC-301" }, workbook.Worksheet("By Course").Table("ByCourse").DataRange.Rows().Select(r => r.Cell(1).GetString()));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void End_to_end_the_measured_effect_brackets_the_ground_truth_recorded_in_the_store(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var info = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = temp.File("t.xlsx"), StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);
        double truth;
        using (var store = SocialStore.Open(sample.StorePath, createIfMissing: false))
        {
            truth = double.Parse(store.GetMetadata(SampleMetadata.TrueEffect)!, CultureInfo.InvariantCulture);
        }

        Assert.InRange(truth, info.IntervalLow!.Value, info.IntervalHigh!.Value);
        Assert.True(info.IntervalLow > 0, "a 0.6 day/week effect on 50 trained people should be distinguishable from none");
        Assert.InRange(info.TrainedPeople, 30, sample.Info.TrainedPeople);
    }
}
