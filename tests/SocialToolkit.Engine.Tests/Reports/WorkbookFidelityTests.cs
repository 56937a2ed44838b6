using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// What readers other than our own code see: other cultures, tricky text, an independent spreadsheet program. About the
/// workbook, not the store: on the file only.
/// </summary>
public sealed class WorkbookFidelityTests : IClassFixture<SampleStoreFixture>
{
    private static readonly string[] TrickyTexts = { "00123", "=1+1", "2024-01-02", "TRUE", "+33 6 12" };
    private readonly SampleStoreFixture sample;

    public WorkbookFidelityTests(SampleStoreFixture sample) => this.sample = sample;

    private static T InCulture<T>(string name, Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    /// <summary>Every cell of every table, as type and invariant text, except the report's own creation time.</summary>
    private static List<string> Cells(string path)
    {
        using var workbook = new XLWorkbook(path);
        var cells = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var row in sheet.Table(sheet.Tables.Single().Name).Rows())
            {
                if (row.Cell(1).GetString() == "Report created")
                {
                    continue;
                }

                cells.AddRange(row.Cells().Select(c => $"{sheet.Name}!{c.Address}:{c.DataType}:{Convert.ToString(c.Value, CultureInfo.InvariantCulture)}:{c.Style.NumberFormat.Format}"));
            }
        }

        return cells;
    }

    [Fact]
    public void French_and_American_cultures_give_identical_workbooks()
    {
        using var temp = new TempDirectory();
        foreach (var culture in new[] { "fr-FR", "en-US" })
        {
            // Linked pseudonyms: by default each workbook has its own, which would differ by design.
            InCulture(culture, () => ParticipationReport.Export(new ParticipationReportRequest { Path = temp.File($"p-{culture}.xlsx"), StorePath = sample.StorePath, IncludeIndividuals = true, LinkPseudonyms = true }, SilentReporter.Instance, CancellationToken.None));
            InCulture(culture, () => TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = temp.File($"t-{culture}.xlsx"), StorePath = sample.StorePath, IncludeIndividuals = true, LinkPseudonyms = true }, SilentReporter.Instance, CancellationToken.None));
        }

        var french = Cells(temp.File("p-fr-FR.xlsx"));
        Assert.Equal(french, Cells(temp.File("p-en-US.xlsx")));
        Assert.Contains(french, c => c.StartsWith("People!", StringComparison.Ordinal));
        Assert.Equal(Cells(temp.File("t-fr-FR.xlsx")), Cells(temp.File("t-en-US.xlsx")));
    }

    [Fact]
    public void Names_that_look_like_numbers_dates_booleans_or_formulas_come_back_exactly_as_text()
    {
        using var temp = new TempDirectory();
        var storePath = temp.File("tricky.db");
        var day = new DateTime(2026, 3, 2);
        using (var store = SocialStore.Open(storePath))
        {
            var people = TrickyTexts.Select((text, i) => new Person { Id = "id" + i, UserPrincipalName = $"p{i}@x.test", DisplayName = text, Department = text }).ToList();
            store.InTransaction(t => store.UpsertPeople(people, "Test", t));
            var ids = store.LoadPersonDirectory();
            store.InTransaction(t => store.ReplaceActivityDay("VivaEngage", day, people.Select(p => (ids.Find(p.UserPrincipalName)!.Value, new ActivityDay { Day = day, Network = "VivaEngage", Posts = 1 })), "Test", t));
        }

        var path = temp.File("tricky.xlsx");
        InCulture("fr-FR", () => ParticipationReport.Export(new ParticipationReportRequest { Path = path, StorePath = storePath, MinimumGroupSize = 1, IncludeIndividuals = true, IncludeNames = true }, SilentReporter.Instance, CancellationToken.None));

        using var workbook = new XLWorkbook(path);
        foreach (var (sheet, table) in new[] { ("By Department", "ByDepartment"), ("People", "People") })
        {
            var cells = workbook.Worksheet(sheet).Table(table).DataRange.Rows().Select(r => r.Cell(1)).ToList();
            Assert.Equal(TrickyTexts.OrderBy(t => t, StringComparer.Ordinal), cells.Select(c => c.GetString()).OrderBy(t => t, StringComparer.Ordinal));
            Assert.All(cells, c => Assert.Equal(XLDataType.Text, c.DataType));
            Assert.All(cells, c => Assert.False(c.HasFormula));
            Assert.True(cells.Single(c => c.GetString() == "=1+1").Style.IncludeQuotePrefix);
            Assert.True(cells.Single(c => c.GetString() == "+33 6 12").Style.IncludeQuotePrefix);
        }
    }

    private static string? Soffice() =>
        new[] { "/usr/bin/soffice", "/usr/local/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice", @"C:\Program Files\LibreOffice\program\soffice.exe" }
            .FirstOrDefault(File.Exists);

    /// <summary>The Summary sheet as LibreOffice reads it (underlying values, not the shown formats): Measure → Value.</summary>
    private static Dictionary<string, string> SummaryAsLibreOfficeReadsIt(string soffice, string workbook, string folder)
    {
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(workbook) + "-csv");
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList =
            {
                "--headless", "--norestore", "-env:UserInstallation=file://" + Path.Combine(folder, "lo-profile"),
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1", "--outdir", output, workbook,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "LibreOffice did not finish");
        }

        var csv = Directory.GetFiles(output, "*.csv").Single();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(csv).Skip(1))
        {
            var fields = SplitCsv(line);
            if (fields.Count >= 2 && fields[0].Length > 0)
            {
                values[fields[0]] = fields[1];
            }
        }

        return values;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static double Number(string text) =>
        text.EndsWith('%') ? double.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture) / 100 : double.Parse(text, CultureInfo.InvariantCulture);

    [SkippableFact]
    public void LibreOffice_reads_the_same_summary_figures()
    {
        var soffice = Soffice();
        Skip.If(soffice == null, "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui to run this check.");
        using var temp = new TempDirectory();
        var participation = ParticipationReport.Export(new ParticipationReportRequest { Path = temp.File("participation.xlsx"), StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);
        var training = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = temp.File("training.xlsx"), StorePath = sample.StorePath }, SilentReporter.Instance, CancellationToken.None);

        var p = SummaryAsLibreOfficeReadsIt(soffice!, participation.FullName, temp.Path);
        Assert.Equal(participation.Headcount, (int)Number(p["Headcount"]));
        Assert.Equal(participation.ActiveContributors, (int)Number(p["Active contributors"]));
        Assert.Equal(participation.ParticipationRate!.Value, Number(p["Participation rate"]), 9);
        Assert.Equal("2026-05-31", p["Period end"]);

        var t = SummaryAsLibreOfficeReadsIt(soffice!, training.FullName, temp.Path);
        Assert.Equal(training.TrainedPeople, (int)Number(t["Trained people"]));
        Assert.Equal(training.ControlPeople, (int)Number(t["Control people"]));
        Assert.Equal(28, (int)Number(t["Window (days)"]));
        Assert.Equal(training.Effect!.Value, Number(t["Difference in differences (active days per week)"]), 9);
        Assert.Equal(training.IntervalLow!.Value, Number(t["95% interval low"]), 9);
        Assert.Equal(training.IntervalHigh!.Value, Number(t["95% interval high"]), 9);
    }
}
