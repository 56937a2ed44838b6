using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// The training-effect workbook in French and in English: the same tables and figures, the labels of the language. Labels
/// do not depend on the store: on the file only.
/// </summary>
public sealed class TrainingEffectLanguageTests : IClassFixture<SampleStoreFixture>
{
    private static readonly string[] TableNames = { "Summary", "EventStudy", "ByCourse", "ByCohort", "ByDepartment", "ByNetwork", "People", "About" };

    private readonly SampleStoreFixture sample;

    public TrainingEffectLanguageTests(SampleStoreFixture sample) => this.sample = sample;

    private (string Path, TrainingEffectReportInfo Info) Write(TempDirectory temp, ReportLanguage language)
    {
        var path = temp.File(language + ".xlsx");
        var store = sample.CopyTo(temp);
        var info = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = path, StorePath = store, Language = language, IncludeIndividuals = true }, SilentReporter.Instance, CancellationToken.None);
        return (path, info);
    }

    private static List<string> HeaderList(XLWorkbook workbook, string table) =>
        WorkbookTests.Headers(workbook.Worksheets.Single(w => w.Tables.Any(t => t.Name == table)).Table(table)).Keys.ToList();

    private static List<string> Charts(string path)
    {
        using var package = SpreadsheetDocument.Open(path, false);
        return package.WorkbookPart!.WorksheetParts.SelectMany(p => p.DrawingsPart?.ChartParts ?? Enumerable.Empty<ChartPart>()).Select(c => c.ChartSpace.OuterXml).ToList();
    }

    [Fact]
    public void A_French_training_workbook_has_French_labels_sentences_and_charts_over_the_same_tables_and_figures()
    {
        using var temp = new TempDirectory();
        var (frPath, frInfo) = Write(temp, ReportLanguage.Fr);
        var (enPath, enInfo) = Write(temp, ReportLanguage.En);

        using (var document = SpreadsheetDocument.Open(frPath, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
        }

        using var fr = new XLWorkbook(frPath);
        using var en = new XLWorkbook(enPath);
        Assert.Equal(new[] { "Synthèse", "Étude événementielle", "Par formation", "Par cohorte", "Par service", "Par réseau", "Personnes", "À propos" }, fr.Worksheets.Select(w => w.Name));
        Assert.Equal(frInfo.Sheets, fr.Worksheets.Select(w => w.Name));
        Assert.Equal(TableNames, fr.Worksheets.Select(w => w.Tables.Single().Name));
        Assert.Equal(TableNames, en.Worksheets.Select(w => w.Tables.Single().Name));
        Assert.Equal("Effet de la formation", fr.Properties.Title);

        // The verdict and the pre-trend check in French, from the engine's judgement (the same as the English one).
        var summary = fr.Worksheet("Synthèse");
        Assert.Equal(new[] { "Mesure", "Valeur" }, HeaderList(fr, "Summary"));
        var rows = summary.Table("Summary").DataRange.Rows().ToList();
        Assert.Equal(new[] { "Conclusion", "Vérification des tendances préalables" }, rows.Take(2).Select(r => r.Cell(1).GetString()));
        Assert.StartsWith("Trained people became more active", enInfo.Verdict, StringComparison.Ordinal);
        Assert.StartsWith("Les personnes formées sont devenues plus actives que des collègues comparables non formés : +", frInfo.Verdict, StringComparison.Ordinal);
        Assert.Contains("jours actifs par semaine (intervalle à 95 % : de ", frInfo.Verdict, StringComparison.Ordinal);
        Assert.Equal(frInfo.Verdict, rows[0].Cell(2).GetString());
        Assert.Contains(rows[1].Cell(2).GetString(), new[] { "réussie", "échouée", "données insuffisantes" });
        Assert.Equal(rows[1].Cell(2).GetString(), enInfo.PreTrendCheck switch { "passed" => "réussie", "failed" => "échouée", _ => "données insuffisantes" });

        // The result object is for scripts: its check reads the same in every language.
        Assert.Equal(enInfo.PreTrendCheck, frInfo.PreTrendCheck);
        Assert.Matches("^[0-9]+ services \\(dont [0-9]+ avec des personnes formées\\)$", rows.Single(r => r.Cell(1).GetString() == "Grappes").Cell(2).GetString());
        Assert.Contains(rows, r => r.Cell(1).GetString() == "Mises en garde");
        Assert.Contains(rows, r => r.Cell(2).GetString().StartsWith("Les personnes choisissent la formation ou sont choisies", StringComparison.Ordinal));

        // Same figures, row for row; every measure name and every header in French (none left in English but the shared ones).
        var enRows = en.Worksheet("Summary").Table("Summary").DataRange.Rows().ToList();
        Assert.Equal(enRows.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (enRows[i].Cell(2).DataType == XLDataType.Number)
            {
                Assert.Equal(enRows[i].Cell(2).GetDouble(), rows[i].Cell(2).GetDouble(), 12);
            }
        }

        var shared = new HashSet<string>(StringComparer.Ordinal) { string.Empty, "Placebo" };
        var englishMeasures = enRows.Select(r => r.Cell(1).GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(rows.Select(r => r.Cell(1).GetString()), m => englishMeasures.Contains(m) && !shared.Contains(m));
        foreach (var table in TableNames)
        {
            var french = HeaderList(fr, table);
            var english = HeaderList(en, table);
            Assert.Equal(english.Count, french.Count);
            Assert.DoesNotContain(french, h => english.Contains(h) && !shared.Contains(h));
        }

        Assert.Equal(new[] { "Semaine", "Effet", "Borne basse à 95 %", "Borne haute à 95 %", "Personnes formées", "Personnes de comparaison" }, HeaderList(fr, "EventStudy").Take(6));
        var periods = fr.Worksheet("Étude événementielle").Table("EventStudy").DataRange.Rows().Select(r => r.Cell(9).GetString()).Distinct().ToList();
        Assert.Contains("semaine de fin de formation", periods);
        Assert.Contains("fenêtre avant", periods);
        Assert.Equal(new[] { "Formation", "Intitulé", "Effet" }, HeaderList(fr, "ByCourse").Take(3));
        Assert.Equal("Service", HeaderList(fr, "ByDepartment")[0]);
        var about = fr.Worksheet("À propos").Table("About").DataRange.Rows().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.StartsWith("Effet de la formation sur la participation", about["Rapport"], StringComparison.Ordinal);
        Assert.StartsWith("Taille minimale 5 : aucun chiffre", about["Confidentialité"], StringComparison.Ordinal);
        Assert.Contains("Confidentialité entre classeurs", about.Keys);
        Assert.Equal(en.Worksheet("About").Table("About").DataRange.RowCount(), about.Count);

        // Charts: French titles and series, references to the French sheet names.
        var charts = Charts(frPath);
        Assert.Equal(Charts(enPath).Count, charts.Count);
        Assert.Contains(charts, c => c.Contains("Effet de la formation : +", StringComparison.Ordinal) && c.Contains("'Synthèse'!$A$", StringComparison.Ordinal) && c.Contains("Jamais formées", StringComparison.Ordinal));
        Assert.Contains(charts, c => c.Contains("Effet par semaine autour de la fin de la formation", StringComparison.Ordinal) && c.Contains("'Étude événementielle'!$A$2", StringComparison.Ordinal));
        Assert.Contains(charts, c => c.Contains("Effet par formation", StringComparison.Ordinal) && c.Contains("'Par formation'!$A$2", StringComparison.Ordinal));
        Assert.DoesNotContain(charts, c => c.Contains("active days per week", StringComparison.Ordinal));
    }

    [Fact]
    public void An_English_training_workbook_keeps_its_contract_headers()
    {
        using var temp = new TempDirectory();
        var (path, _) = Write(temp, ReportLanguage.En);

        using var workbook = new XLWorkbook(path);
        Assert.Equal(new[] { "Summary", "Event Study", "By Course", "By Cohort", "By Department", "By Network", "People", "About" }, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(new[] { "Measure", "Value" }, HeaderList(workbook, "Summary"));
        Assert.Equal(new[] { "Week", "Effect", "95% low", "95% high", "Trained people", "Control people", "Before completion", "After completion", "Period" }, HeaderList(workbook, "EventStudy"));
        var groupTail = new[] { "Effect", "95% low", "95% high", "Trained people", "Active days per week before", "Active days per week after", "Never trained before", "Never trained after", "Posts per week: difference in differences (unadjusted)", "Note" };
        Assert.Equal(new[] { "Course", "Title" }.Concat(groupTail), HeaderList(workbook, "ByCourse"));
        Assert.Equal(new[] { "Cohort" }.Concat(groupTail), HeaderList(workbook, "ByCohort"));
        Assert.Equal(new[] { "Department" }.Concat(groupTail), HeaderList(workbook, "ByDepartment"));
        Assert.Equal(new[] { "Network" }.Concat(groupTail), HeaderList(workbook, "ByNetwork"));
        Assert.Equal(new[] { "Person", "Department", "Course", "Completed", "Active days per week before", "Active days per week after", "Posts per week before", "Posts per week after", "Never trained change", "Difference in differences" }, HeaderList(workbook, "People"));
        Assert.Equal(new[] { "Item", "Detail" }, HeaderList(workbook, "About"));
        var measures = workbook.Worksheet("Summary").Table("Summary").DataRange.Rows().Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(new[] { "Verdict", "Pre-trend check", "Difference in differences (active days per week)", "95% interval low", "95% interval high", "Relative effect", "Placebo effect (active days per week)", "Trained people", "Control people", "Window (days)", "Clusters", "Interval method", "Caveats" }, measures.Take(13));
        Assert.Contains("Sensitivity: parallel-trend violation that would cancel the effect (× largest pre-period deviation)", measures);
        Assert.Contains("Bootstrap samples", measures);
    }
}
