using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Workbook;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

public sealed class WorkbookTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;

    public WorkbookTests()
    {
        // A culture with a decimal comma: nothing read or written may depend on it.
        CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        temp.Dispose();
    }

    private string ExportFixture(string name = "guidelines.xlsx")
    {
        var path = temp.File(name);
        GuidelineCatalogService.ExportWorkbook(GuidelineFixtures.Catalog, path, overwrite: false, SilentReporter.Instance);
        return path;
    }

    private static void Edit(string workbookPath, Action<XLWorkbook> edit)
    {
        using (var workbook = new XLWorkbook(workbookPath))
        {
            edit(workbook);
            workbook.Save();
        }
    }

    [Fact]
    public void Round_trip_gives_the_same_catalog()
    {
        var workbook = ExportFixture();
        var output = temp.File("guidelines.json");

        var summary = GuidelineCatalogService.ConvertWorkbook(workbook, output, overwrite: false, SilentReporter.Instance);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GuidelineFixtures.CatalogText), JsonNode.Parse(File.ReadAllText(output))), File.ReadAllText(output));
        Assert.Equal(Path.GetFullPath(output), summary.Path);
        Assert.Equal("2026.11.1", summary.CatalogVersion);
        Assert.Equal(new[] { "fr", "en" }, summary.Languages);
        Assert.Equal(3, summary.SnippetCount);
        Assert.Equal(2, summary.CategoryCount);
        Assert.Equal(2, summary.PlaceholderCount);
    }

    [Fact]
    public void Organisation_values_round_trip_through_the_Value_column()
    {
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);
        catalog.SchemaVersion = 2;
        catalog.Placeholders[0].Value = "Contoso";
        catalog.Placeholders[1].Value = "+33 1 23 45 67 89";
        var json = temp.File("with-values.json");
        GuidelineCatalogFile.Save(catalog, json, overwrite: false);
        var workbook = temp.File("with-values.xlsx");
        var output = temp.File("back.json");

        GuidelineCatalogService.ExportWorkbook(json, workbook, overwrite: false, SilentReporter.Instance);
        using (var opened = new XLWorkbook(workbook))
        {
            var sheet = opened.Worksheet("Placeholders");
            Assert.Equal("Value", sheet.Cell(1, 5).GetString());
            Assert.Equal("Contoso", sheet.Cell(2, 5).GetString());
            Assert.Equal(XLDataType.Text, sheet.Cell(3, 5).DataType);
        }

        GuidelineCatalogService.ConvertWorkbook(workbook, output, overwrite: false, SilentReporter.Instance);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(json)), JsonNode.Parse(File.ReadAllText(output))), File.ReadAllText(output));
    }

    [Fact]
    public void A_value_typed_in_a_version_1_workbook_makes_a_version_2_catalog_and_an_empty_cell_none()
    {
        var workbook = ExportFixture();
        Edit(workbook, book =>
        {
            var sheet = book.Worksheet("Placeholders");
            sheet.Cell(2, 5).SetValue("Fabrikam");
        });
        var output = temp.File("guidelines.json");

        GuidelineCatalogService.ConvertWorkbook(workbook, output, overwrite: false, SilentReporter.Instance);

        var catalog = GuidelineCatalogFile.Load(output);
        Assert.Equal(2, catalog.SchemaVersion);
        Assert.Equal("Fabrikam", catalog.Placeholders[0].Value);
        Assert.Null(catalog.Placeholders[1].Value);
    }

    [RealAddinFact]
    public void Round_trip_of_the_real_catalog_gives_the_same_catalog()
    {
        var workbook = temp.File("real.xlsx");
        var output = temp.File("real.json");
        GuidelineCatalogService.ExportWorkbook(RepositoryAddin.Catalog, workbook, overwrite: false, SilentReporter.Instance);

        GuidelineCatalogService.ConvertWorkbook(workbook, output, overwrite: false, SilentReporter.Instance);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(RepositoryAddin.Catalog)), JsonNode.Parse(File.ReadAllText(output))));
    }

    [Fact]
    public void Exported_workbook_has_the_contract_layout_with_text_cells()
    {
        var path = ExportFixture();

        using var workbook = new XLWorkbook(path);
        Assert.Equal(new[] { "Snippets", "Categories", "Placeholders", "About" }, workbook.Worksheets.Select(w => w.Name));

        var snippets = workbook.Worksheet("Snippets");
        var table = snippets.Tables.Single();
        Assert.Equal("Snippets", table.Name);
        Assert.Equal(new[] { "Id", "Category", "Tags", "Title (fr)", "Body (fr)", "Title (en)", "Body (en)" }, table.HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(1, snippets.SheetView.SplitRow);
        Assert.True(snippets.Column(5).Style.Alignment.WrapText);
        Assert.True(snippets.Column(7).Style.Alignment.WrapText);
        Assert.InRange(snippets.Column(1).Width, 8, 50);
        Assert.True(snippets.Column(1).Width > snippets.Column(2).Width - 10);

        var id = snippets.Cell(3, 1);
        Assert.Equal(XLDataType.Text, id.DataType);
        Assert.Equal("00123", id.GetString());
        Assert.Equal("criticism, 2024", snippets.Cell(3, 3).GetString());
        Assert.True(snippets.Cell(3, 4).Style.IncludeQuotePrefix);
        Assert.Equal("-- Garder son calme", snippets.Cell(3, 4).GetString());
        Assert.True(snippets.Cell(3, 6).Style.IncludeQuotePrefix);
        Assert.False(snippets.Cell(2, 4).Style.IncludeQuotePrefix);

        var placeholders = workbook.Worksheet("Placeholders");
        Assert.Equal(new[] { "Name", "Label (fr)", "Label (en)", "Example", "Value" }, placeholders.Tables.Single().HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(XLDataType.Text, placeholders.Cell(3, 4).DataType);
        Assert.True(placeholders.Cell(3, 4).Style.IncludeQuotePrefix);

        Assert.Equal(new[] { "Id", "Title (fr)", "Title (en)" }, workbook.Worksheet("Categories").Tables.Single().HeadersRow().Cells().Select(c => c.GetString()));
        var about = workbook.Worksheet("About");
        Assert.Equal("Catalog version", about.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Text, about.Cell(2, 2).DataType);
        Assert.Equal("2026.11.1", about.Cell(2, 2).GetString());
        Assert.Equal("fr", about.Cell(3, 2).GetString());
        Assert.Equal("fr, en", about.Cell(4, 2).GetString());
        Assert.All(workbook.Worksheets, sheet => Assert.Equal(1, sheet.SheetView.SplitRow));
    }

    [Fact]
    public void Problems_name_the_workbook_sheet_row_and_column()
    {
        var path = ExportFixture();
        Edit(path, workbook =>
        {
            var snippets = workbook.Worksheet("Snippets");
            snippets.Cell(2, 7).SetValue("<p>Hello {{compagny}}</p>");
            snippets.Cell(4, 1).SetValue("share-team-success");
            snippets.Cell(3, 2).SetValue("what-to-post");
            snippets.Cell(3, 6).SetValue(string.Empty);
            workbook.Worksheet("Categories").Cell(3, 1).SetValue("Answering Criticism");
        });

        var error = Assert.Throws<GuidelineCatalogException>(() => GuidelineCatalogService.ConvertWorkbook(path, temp.File("out.json"), false, SilentReporter.Instance));

        Assert.Equal("GuidelineWorkbookInvalid", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.Same(error.Problems, error.Target);
        var lines = error.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("guidelines.xlsx, sheet Snippets, row 2, column Body (en): The body of snippet 'share-team-success' in 'en' uses {{compagny}}, which the catalog does not declare in its placeholders.", lines);
        Assert.Contains(error.Problems, p => p.Code == GuidelineProblemCode.DuplicateId && p.Sheet == "Snippets" && p.Row == 4 && p.Column == "Id");
        Assert.Contains(error.Problems, p => p.Code == GuidelineProblemCode.UnknownCategory && p.Row == 3 && p.Column == "Category");
        Assert.Contains(error.Problems, p => p.Code == GuidelineProblemCode.MissingTranslation && p.Row == 3 && p.Column == "Title (en)" && p.Language == "en");
        Assert.Contains(error.Problems, p => p.Code == GuidelineProblemCode.InvalidId && p.Sheet == "Categories" && p.Row == 3 && p.Column == "Id");
        Assert.Contains("sheet Snippets, row 2, column Body (en)", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains("nothing was written", error.Message);
        Assert.False(File.Exists(temp.File("out.json")));
    }

    [Fact]
    public void Missing_sheet_and_missing_column_are_named()
    {
        var path = ExportFixture();
        Edit(path, workbook =>
        {
            workbook.Worksheet("Categories").Delete();
            workbook.Worksheet("Snippets").Cell(1, 7).SetValue("Corps (en)");
        });

        var error = Assert.Throws<GuidelineCatalogException>(() => GuidelineCatalogService.ConvertWorkbook(path, temp.File("out.json"), false, SilentReporter.Instance));

        Assert.Contains(error.Problems, p => p.Code == GuidelineProblemCode.InvalidWorkbook && p.Sheet == "Categories" && p.Message.Contains("no sheet named Categories"));
        Assert.Contains("guidelines.xlsx, sheet Categories: The workbook has no sheet named Categories.", error.Message);

        Edit(path, workbook => workbook.AddWorksheet("Categories").Cell(1, 1).SetValue("Id"));
        error = Assert.Throws<GuidelineCatalogException>(() => GuidelineCatalogService.ConvertWorkbook(path, temp.File("out.json"), false, SilentReporter.Instance));
        Assert.Contains("guidelines.xlsx, sheet Snippets, row 1, column Body (en): The column Body (en) is missing", error.Message);
        Assert.Contains("sheet Categories, row 1, column Title (fr)", error.Message);
    }

    [Fact]
    public void Invalid_workbook_writes_nothing_and_keeps_the_existing_catalog()
    {
        var path = ExportFixture();
        var output = temp.File("guidelines.json");
        File.WriteAllText(output, "the previous catalog");
        Edit(path, workbook => workbook.Worksheet("Snippets").Cell(2, 5).SetValue(new string('x', 2001)));

        var error = Assert.Throws<GuidelineCatalogException>(() => GuidelineCatalogService.ConvertWorkbook(path, output, overwrite: true, SilentReporter.Instance));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(GuidelineProblemCode.TooLong, problem.Code);
        Assert.Equal("Body (fr)", problem.Column);
        Assert.Equal("the previous catalog", File.ReadAllText(output));
        Assert.Equal(new[] { "guidelines.json", "guidelines.xlsx" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Existing_catalog_is_kept_without_overwrite()
    {
        var path = ExportFixture();
        var output = temp.File("guidelines.json");
        File.WriteAllText(output, "the previous catalog");

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineCatalogService.ConvertWorkbook(path, output, overwrite: false, SilentReporter.Instance));

        Assert.Equal("OutputFileExists", error.ErrorId);
        Assert.Equal("the previous catalog", File.ReadAllText(output));
    }

    [Fact]
    public void Unsafe_html_is_sanitised_with_a_warning_naming_the_cell()
    {
        var path = ExportFixture();
        Edit(path, workbook => workbook.Worksheet("Snippets").Cell(3, 7).SetValue("<p onclick=\"x()\">Breathe.<script>alert(1)</script></p>"));
        var reporter = new RecordingReporter();

        GuidelineCatalogService.ConvertWorkbook(path, temp.File("out.json"), false, reporter);

        var warning = Assert.Single(reporter.Warnings);
        Assert.StartsWith("guidelines.xlsx, sheet Snippets, row 3, column Body (en): HTML outside the allow-list was removed:", warning);
        var body = GuidelineCatalogFile.Load(temp.File("out.json")).Snippets[1].Body["en"];
        Assert.Equal("<p>Breathe.</p>", body);
    }

    [Fact]
    public void Cells_are_read_as_text_whatever_Excel_typed_them_as()
    {
        var path = ExportFixture();
        Edit(path, workbook =>
        {
            // What Excel does when someone types these: numbers and booleans, not text.
            var snippets = workbook.Worksheet("Snippets");
            snippets.Cell(3, 1).SetValue(123);
            snippets.Cell(3, 3).SetValue(2024.5);
            snippets.Cell(4, 3).SetValue(true);
            snippets.Cell(2, 4).FormulaA1 = "\"Partager\" & \" un succès\"";
        });

        var content = GuidelineWorkbookReader.Read(path);

        var snippets = content.Catalog!.Snippets;
        Assert.Equal("123", snippets[1].Id);
        Assert.Equal(new[] { "2024.5" }, snippets[1].Tags);
        Assert.Equal(new[] { "TRUE" }, snippets[2].Tags);
        Assert.Contains(content.Problems, p => p.Code == GuidelineProblemCode.InvalidTag && p.Row == 4 && p.Column == "Tags");
    }

    [Fact]
    public void Extra_columns_and_empty_rows_are_ignored_and_headers_found_in_any_order()
    {
        var path = ExportFixture();
        Edit(path, workbook =>
        {
            var snippets = workbook.Worksheet("Snippets");
            snippets.Cell(1, 8).SetValue("Notes");
            snippets.Cell(2, 8).SetValue("Reviewed by legal");
            snippets.Row(3).InsertRowsAbove(2);
        });

        var content = GuidelineWorkbookReader.Read(path);

        Assert.Empty(content.Problems);
        Assert.Equal(new[] { "share-team-success", "00123", "ask-the-communications-team" }, content.Catalog!.Snippets.Select(s => s.Id));
    }

    [Fact]
    public void Not_a_workbook_is_a_clear_error()
    {
        var path = temp.File("notes.xlsx");
        File.WriteAllText(path, "just text");

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineWorkbookReader.Read(path));

        Assert.Equal("GuidelineWorkbookInvalid", error.ErrorId);
        Assert.Contains(path, error.Message);
        Assert.Contains("not an Excel workbook", error.Message);

        var missing = Assert.Throws<SocialToolkitException>(() => GuidelineWorkbookReader.Read(temp.File("absent.xlsx")));
        Assert.Equal(FailureKind.NotFound, missing.Kind);
    }

    private sealed class RecordingReporter : IOperationReporter
    {
        public List<string> Warnings { get; } = new();

        public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message) => Warnings.Add(message);

        public void Notice(string message)
        {
        }
    }
}
