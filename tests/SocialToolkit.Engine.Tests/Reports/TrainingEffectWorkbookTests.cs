using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// The training-only parts of the workbook: the event study, its chart, the by-course chart, the left-out rows. How the
/// workbook is written is the same whatever the store: on the file only (the report on a server: WorkbookTests).
/// </summary>
public sealed class TrainingEffectWorkbookTests : IClassFixture<SampleStoreFixture>
{
    private readonly SampleStoreFixture sample;

    public TrainingEffectWorkbookTests(SampleStoreFixture sample) => this.sample = sample;

    [Fact]
    public void Charts_are_valid_and_show_the_band_the_completion_and_negative_values()
    {
        using var temp = new TempDirectory();
        var path = temp.File("training.xlsx");
        TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = path, StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);

        using var document = SpreadsheetDocument.Open(path, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)document.WorkbookPart.GetPartById(s.Id!));
        var validator = new OpenXmlValidator();
        var charts = sheets.Values.Where(p => p.DrawingsPart != null).SelectMany(p => p.DrawingsPart!.ChartParts).ToList();
        Assert.All(charts, chart => Assert.Empty(validator.Validate(chart)));

        var eventStudy = sheets["Event Study"].DrawingsPart!.ChartParts.Single().ChartSpace;
        var lines = eventStudy.Descendants<C.LineChartSeries>().ToList();
        Assert.Equal(new[] { "Before completion", "After completion", "95% low", "95% high" }, lines.Select(l => l.SeriesText!.InnerText));
        Assert.All(lines.Take(2), l => Assert.NotNull(l.GetFirstChild<C.ErrorBars>()));
        Assert.Equal(9, eventStudy.Descendants<C.CrossesAt>().Single().Val!.Value);
        Assert.True(eventStudy.Descendants<C.MinAxisValue>().Single().Val!.Value < 0);

        var byCourse = sheets["Summary"].DrawingsPart!.ChartParts.Select(c => c.ChartSpace).Single(c => c.InnerText.Contains("Effect by course", StringComparison.Ordinal));
        Assert.NotNull(byCourse.Descendants<C.BarChartSeries>().Single().GetFirstChild<C.ErrorBars>());
        Assert.True(byCourse.Descendants<C.MinAxisValue>().Single().Val!.Value < 0);
    }

    [Fact]
    public void By_Network_judges_each_network_and_Network_judges_the_report_on_one()
    {
        using var temp = new TempDirectory();
        var all = temp.File("all.xlsx");
        TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = all, StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);
        using (var workbook = new XLWorkbook(all))
        {
            var rows = workbook.Worksheet("By Network").Table("ByNetwork").DataRange.Rows().ToList();
            Assert.Equal(new[] { "LinkedIn", "Teams", "VivaEngage" }, rows.Select(r => r.Cell(1).GetString()));
            Assert.All(rows, r => Assert.True(r.Cell(2).GetDouble() > 0, "the sample's effect shows on every network"));
        }

        var linkedIn = temp.File("linkedin.xlsx");
        var info = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = linkedIn, StorePath = sample.StorePath, Network = "linkedin" }, SilentReporter.Instance, CancellationToken.None);
        using (var workbook = new XLWorkbook(linkedIn))
        {
            Assert.Equal("LinkedIn", workbook.Worksheet("By Network").Table("ByNetwork").DataRange.Rows().Single().Cell(1).GetString());
            Assert.Equal("LinkedIn", WorkbookTests.Value(workbook.Worksheet("Summary"), "Network"));
        }

        // On LinkedIn alone (used by fewer people, on fewer days) the effect in days is smaller than on any network.
        Assert.True(info.Effect < 0.6);
        var unknown = Assert.Throws<SocialToolkitException>(() => TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = temp.File("x.xlsx"), StorePath = sample.StorePath, Network = "Instagram" }, SilentReporter.Instance, CancellationToken.None));
        Assert.Equal("NetworkNotCovered", unknown.ErrorId);
        Assert.Contains("LinkedIn, Teams, VivaEngage", unknown.Message);
    }

    [Fact]
    public void The_summary_counts_who_was_left_out_and_why()
    {
        using var temp = new TempDirectory();
        var path = temp.File("training.xlsx");
        TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = path, StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);
        using var workbook = new XLWorkbook(path);
        var measures = workbook.Worksheet("Summary").Table("Summary").DataRange.Rows().Select(r => r.Cell(1).GetString()).ToList();
        Assert.Contains(measures, m => m.StartsWith("Left out: Not a staff account", StringComparison.Ordinal));
        Assert.Contains(measures, m => m.StartsWith("Left out: Window not covered by the store", StringComparison.Ordinal));
        Assert.Contains("Clusters", measures);
        Assert.Contains("Interval method", measures);
        var about = string.Join("\n", workbook.Worksheet("About").CellsUsed().Select(c => c.GetString()));
        Assert.Contains("Callaway and Sant'Anna", about);
        Assert.Contains("rows compared", about);
    }
}
