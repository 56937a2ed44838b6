using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ClosedXML.Excel;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Html;
using L = SocialToolkit.Guidelines.Workbook.GuidelineWorkbookLayout;

namespace SocialToolkit.Guidelines.Workbook
{
    /// <summary>What a guidelines workbook holds: the catalog built from it and every problem found, located by sheet, row and column.</summary>
    public sealed class GuidelineWorkbookContent
    {
        public GuidelineWorkbookContent(GuidelineCatalog? catalog, IReadOnlyList<GuidelineCatalogProblem> problems)
        {
            Catalog = catalog;
            Problems = problems;
        }

        /// <summary>Null when the workbook's structure (sheets, columns) is too broken to build one.</summary>
        public GuidelineCatalog? Catalog { get; }

        public IReadOnlyList<GuidelineCatalogProblem> Problems { get; }

        public bool HasErrors => Catalog == null || Problems.Any(p => p.Severity == GuidelineProblemSeverity.Error);
    }

    /// <summary>
    /// Reads the guidelines workbook (see <see cref="GuidelineWorkbookLayout"/>) into a catalog. Columns are found
    /// by their header, wherever they are; other columns (an editor's notes) are ignored. Rows left empty are
    /// skipped. Bodies are sanitised; every other rule is the catalog validator's, with its findings mapped
    /// back to the cell they come from.
    /// </summary>
    public static class GuidelineWorkbookReader
    {
        public static GuidelineWorkbookContent Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new SocialToolkitException("GuidelineWorkbookNotFound", FailureKind.NotFound, $"The guidelines workbook '{path}' does not exist.", path);
            }

            XLWorkbook workbook;
            try
            {
                workbook = new XLWorkbook(path);
            }
            catch (IOException e)
            {
                throw new SocialToolkitException("GuidelineWorkbookUnreadable", FailureKind.InvalidData, $"The guidelines workbook '{path}' cannot be read (is it open in Excel?): {e.Message}", path, e);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // ClosedXML and the Open XML SDK throw a variety of types for a file that is not a workbook
                // (zip, XML, format and argument errors); to the user they all mean the same thing.
                throw new SocialToolkitException("GuidelineWorkbookInvalid", FailureKind.InvalidData, $"'{path}' is not an Excel workbook (.xlsx) this module can read: {e.Message}", path, e);
            }

            using (workbook)
            {
                return new Reading(workbook, path).Run();
            }
        }

        private sealed class Cell
        {
            public Cell(string sheet, int row, string? column)
            {
                Sheet = sheet;
                Row = row;
                Column = column;
            }

            public string Sheet { get; }

            public int Row { get; }

            public string? Column { get; }
        }

        /// <summary>One sheet's header row and data rows.</summary>
        private sealed class Table
        {
            public Table(string name, IXLWorksheet sheet)
            {
                Name = name;
                Sheet = sheet;
            }

            public string Name { get; }

            public IXLWorksheet Sheet { get; }

            public int HeaderRow { get; set; }

            /// <summary>Normalised header → (column number, header as written).</summary>
            public Dictionary<string, Tuple<int, string>> Columns { get; } = new Dictionary<string, Tuple<int, string>>(StringComparer.Ordinal);

            public List<int> Rows { get; } = new List<int>();

            public bool Has(string header) => Columns.ContainsKey(L.NormalizeHeader(header));

            public string Header(string header) => Columns.TryGetValue(L.NormalizeHeader(header), out var column) ? column.Item2 : header;

            public string Value(int row, string header) =>
                Columns.TryGetValue(L.NormalizeHeader(header), out var column) ? CellText.Read(Sheet.Cell(row, column.Item1)) : string.Empty;
        }

        private sealed class Reading
        {
            private readonly XLWorkbook workbook;
            private readonly string path;
            private readonly List<GuidelineCatalogProblem> problems = new List<GuidelineCatalogProblem>();
            private readonly Dictionary<string, Cell> cells = new Dictionary<string, Cell>(StringComparer.Ordinal);

            public Reading(XLWorkbook workbook, string path)
            {
                this.workbook = workbook;
                this.path = path;
            }

            public GuidelineWorkbookContent Run()
            {
                var snippets = Load(L.SnippetsSheet, required: true);
                var categories = Load(L.CategoriesSheet, required: true);
                var placeholders = Load(L.PlaceholdersSheet, required: false);
                var about = Load(L.AboutSheet, required: true);
                if (snippets == null || categories == null || about == null)
                {
                    return Done(null);
                }

                var catalog = new GuidelineCatalog();
                ReadAbout(about, snippets, catalog);
                var languages = catalog.Languages;
                Require(snippets, new[] { L.IdColumn, L.CategoryColumn }.Concat(languages.SelectMany(l => new[] { L.Title(l), L.Body(l) })));
                Require(categories, new[] { L.IdColumn }.Concat(languages.Select(L.Title)));
                if (placeholders != null)
                {
                    Require(placeholders, new[] { L.NameColumn }.Concat(languages.Select(L.Label)));
                }

                foreach (var table in new[] { snippets, categories, placeholders }.Where(t => t != null))
                {
                    WarnAboutOtherLanguages(table!, languages);
                }

                if (problems.Any(p => p.Severity == GuidelineProblemSeverity.Error))
                {
                    return Done(null);
                }

                cells["snippets"] = new Cell(snippets.Name, 0, null);
                cells["categories"] = new Cell(categories.Name, 0, null);
                cells["placeholders"] = new Cell(placeholders?.Name ?? L.PlaceholdersSheet, 0, null);
                ReadPlaceholders(placeholders, catalog);

                // An organisation value needs the format that carries it; the editor need not know format numbers.
                if (catalog.Placeholders.Any(p => p.Value != null) && catalog.SchemaVersion < GuidelineCatalog.ValuesSchemaVersion)
                {
                    catalog.SchemaVersion = GuidelineCatalog.ValuesSchemaVersion;
                }
                ReadCategories(categories, catalog);
                ReadSnippets(snippets, catalog);

                foreach (var problem in GuidelineCatalogValidator.Validate(catalog, path))
                {
                    Locate(problem);
                    problems.Add(problem);
                }

                return Done(catalog);
            }

            private GuidelineWorkbookContent Done(GuidelineCatalog? catalog) => new GuidelineWorkbookContent(catalog, problems);

            private Table? Load(string name, bool required)
            {
                var sheet = workbook.Worksheets.FirstOrDefault(w => string.Equals(w.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
                if (sheet == null)
                {
                    if (required)
                    {
                        Problem(GuidelineProblemCode.InvalidWorkbook, new Cell(name, 0, null), $"The workbook has no sheet named {name}.", sheetOnly: true);
                    }

                    return null;
                }

                var table = new Table(sheet.Name, sheet);
                var used = sheet.RangeUsed();
                if (used == null)
                {
                    Problem(GuidelineProblemCode.InvalidWorkbook, new Cell(sheet.Name, 1, null), "The sheet is empty: the first row must hold the column headers.");
                    return null;
                }

                table.HeaderRow = used.FirstRow().RowNumber();
                var lastRow = used.LastRow().RowNumber();
                var lastColumn = used.LastColumn().ColumnNumber();
                for (var c = used.FirstColumn().ColumnNumber(); c <= lastColumn; c++)
                {
                    var header = CellText.Read(sheet.Cell(table.HeaderRow, c)).Trim();
                    if (header.Length == 0)
                    {
                        continue;
                    }

                    var key = L.NormalizeHeader(header);
                    if (table.Columns.ContainsKey(key))
                    {
                        Problem(GuidelineProblemCode.InvalidWorkbook, new Cell(sheet.Name, table.HeaderRow, header), $"The column {header} appears twice.");
                        continue;
                    }

                    table.Columns[key] = Tuple.Create(c, header);
                }

                for (var r = table.HeaderRow + 1; r <= lastRow; r++)
                {
                    if (table.Columns.Values.Any(column => CellText.Read(sheet.Cell(r, column.Item1)).Trim().Length > 0))
                    {
                        table.Rows.Add(r);
                    }
                }

                return table;
            }

            private void Require(Table table, IEnumerable<string> headers)
            {
                foreach (var header in headers.Where(h => !table.Has(h)))
                {
                    Problem(GuidelineProblemCode.InvalidWorkbook, new Cell(table.Name, table.HeaderRow, header), $"The column {header} is missing (headers are read from row {table.HeaderRow.ToString(CultureInfo.InvariantCulture)}).");
                }
            }

            private void WarnAboutOtherLanguages(Table table, IReadOnlyList<string> languages)
            {
                foreach (var column in table.Columns.Values)
                {
                    var localized = L.ParseLocalized(column.Item2);
                    if (localized != null && !languages.Contains(localized.Item2))
                    {
                        Problem(
                            GuidelineProblemCode.UnknownLanguage,
                            new Cell(table.Name, table.HeaderRow, column.Item2),
                            $"The column is for '{localized.Item2}', which is not one of the catalog's languages ({string.Join(", ", languages)}) in the About sheet; it is ignored.",
                            severity: GuidelineProblemSeverity.Warning);
                    }
                }
            }

            private void ReadAbout(Table about, Table snippets, GuidelineCatalog catalog)
            {
                Require(about, new[] { L.SettingColumn, L.ValueColumn });
                var settings = new Dictionary<string, Tuple<string, int>>(StringComparer.OrdinalIgnoreCase);
                foreach (var row in about.Rows)
                {
                    var name = about.Value(row, L.SettingColumn).Trim();
                    if (name.Length > 0 && !settings.ContainsKey(name))
                    {
                        settings[name] = Tuple.Create(about.Value(row, L.ValueColumn).Trim(), row);
                    }
                }

                Cell SettingCell(string setting) => settings.TryGetValue(setting, out var found)
                    ? new Cell(about.Name, found.Item2, about.Header(L.ValueColumn))
                    : new Cell(about.Name, 0, null);

                string Setting(string setting) => settings.TryGetValue(setting, out var found) ? found.Item1 : string.Empty;

                catalog.CatalogVersion = Setting(L.CatalogVersionSetting);
                cells["catalogVersion"] = SettingCell(L.CatalogVersionSetting);
                catalog.DefaultLanguage = Setting(L.DefaultLanguageSetting).ToLowerInvariant();
                cells["defaultLanguage"] = SettingCell(L.DefaultLanguageSetting);

                var schemaVersion = Setting(L.SchemaVersionSetting);
                cells["schemaVersion"] = SettingCell(L.SchemaVersionSetting);
                if (schemaVersion.Length == 0)
                {
                    catalog.SchemaVersion = GuidelineCatalog.CurrentSchemaVersion;
                }
                else if (int.TryParse(schemaVersion, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
                {
                    catalog.SchemaVersion = version;
                }
                else
                {
                    Problem(GuidelineProblemCode.SchemaVersion, cells["schemaVersion"], $"The schema version '{schemaVersion}' is not a whole number.");
                }

                var listed = Setting(L.LanguagesSetting);
                if (listed.Length > 0)
                {
                    catalog.Languages = listed.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().ToLowerInvariant()).ToList();
                    cells["languages"] = SettingCell(L.LanguagesSetting);
                }
                else
                {
                    // Without a Languages setting, the Snippets sheet's "Title (xx)" columns say which languages there are.
                    catalog.Languages = snippets.Columns.Values.OrderBy(c => c.Item1).Select(c => L.ParseLocalized(c.Item2))
                        .Where(h => h != null && h.Item1 == "title").Select(h => h!.Item2).Distinct().ToList();
                    cells["languages"] = new Cell(snippets.Name, snippets.HeaderRow, null);
                }

                cells["$"] = new Cell(about.Name, 0, null);
            }

            private void ReadPlaceholders(Table? table, GuidelineCatalog catalog)
            {
                if (table == null)
                {
                    return;
                }

                foreach (var row in table.Rows)
                {
                    var at = $"placeholders[{catalog.Placeholders.Count.ToString(CultureInfo.InvariantCulture)}]";
                    var placeholder = new GuidelinePlaceholder { Name = table.Value(row, L.NameColumn).Trim() };
                    Register(at, table, row, null);
                    Register(at + ".name", table, row, L.NameColumn);
                    foreach (var language in catalog.Languages)
                    {
                        placeholder.Label[language] = table.Value(row, L.Label(language)).Trim();
                        Register($"{at}.label.{language}", table, row, L.Label(language));
                    }

                    var example = table.Value(row, L.ExampleColumn).Trim();
                    placeholder.Example = example.Length == 0 ? null : example;
                    Register(at + ".example", table, row, L.ExampleColumn);

                    // The organisation's value; an empty cell means each person gives their own.
                    var value = table.Value(row, L.ValueColumn).Trim();
                    placeholder.Value = value.Length == 0 ? null : value;
                    Register(at + ".value", table, row, L.ValueColumn);
                    catalog.Placeholders.Add(placeholder);
                }
            }

            private void ReadCategories(Table table, GuidelineCatalog catalog)
            {
                foreach (var row in table.Rows)
                {
                    var at = $"categories[{catalog.Categories.Count.ToString(CultureInfo.InvariantCulture)}]";
                    var category = new GuidelineCategory { Id = table.Value(row, L.IdColumn).Trim() };
                    Register(at, table, row, null);
                    Register(at + ".id", table, row, L.IdColumn);
                    foreach (var language in catalog.Languages)
                    {
                        category.Title[language] = table.Value(row, L.Title(language)).Trim();
                        Register($"{at}.title.{language}", table, row, L.Title(language));
                    }

                    catalog.Categories.Add(category);
                }
            }

            private void ReadSnippets(Table table, GuidelineCatalog catalog)
            {
                foreach (var row in table.Rows)
                {
                    var at = $"snippets[{catalog.Snippets.Count.ToString(CultureInfo.InvariantCulture)}]";
                    var snippet = new GuidelineSnippet
                    {
                        Id = table.Value(row, L.IdColumn).Trim(),
                        Category = table.Value(row, L.CategoryColumn).Trim(),
                        Tags = table.Value(row, L.TagsColumn).Split(new[] { ',', ';', '\n' }, StringSplitOptions.RemoveEmptyEntries)
                            .Select(t => t.Trim()).Where(t => t.Length > 0).ToList(),
                    };
                    Register(at, table, row, null);
                    Register(at + ".id", table, row, L.IdColumn);
                    Register(at + ".category", table, row, L.CategoryColumn);
                    Register(at + ".tags", table, row, L.TagsColumn);
                    foreach (var language in catalog.Languages)
                    {
                        snippet.Title[language] = table.Value(row, L.Title(language)).Trim();
                        Register($"{at}.title.{language}", table, row, L.Title(language));

                        // Bodies are kept exactly as written (line breaks included), except HTML off the allow-list.
                        var body = table.Value(row, L.Body(language));
                        var bodyCell = Register($"{at}.body.{language}", table, row, L.Body(language));
                        var sanitized = SnippetHtml.Sanitize(body, out var removed);
                        if (removed.Count > 0)
                        {
                            Problem(
                                GuidelineProblemCode.UnsafeHtml,
                                bodyCell,
                                $"HTML outside the allow-list was removed: {string.Join("; ", removed)}.",
                                severity: GuidelineProblemSeverity.Warning,
                                snippetId: snippet.Id,
                                language: language,
                                field: $"{at}.body.{language}");
                        }

                        snippet.Body[language] = sanitized;
                    }

                    catalog.Snippets.Add(snippet);
                }
            }

            private Cell Register(string field, Table table, int row, string? header)
            {
                var cell = new Cell(table.Name, row, header == null ? null : table.Header(header));
                cells[field] = cell;
                return cell;
            }

            /// <summary>Finds the cell a validator finding is about, from its JSON path (snippets[3].tags[1] → the Tags cell of that row).</summary>
            private void Locate(GuidelineCatalogProblem problem)
            {
                var field = problem.Field ?? "$";
                while (true)
                {
                    if (cells.TryGetValue(field, out var cell))
                    {
                        problem.Sheet = cell.Sheet;
                        problem.Row = cell.Row > 0 ? cell.Row : (int?)null;
                        problem.Column = cell.Column;
                        return;
                    }

                    var cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
                    if (cut <= 0)
                    {
                        field = "$";
                        if (!cells.ContainsKey(field))
                        {
                            return;
                        }

                        continue;
                    }

                    field = field.Substring(0, cut);
                }
            }

            private void Problem(
                GuidelineProblemCode code,
                Cell cell,
                string message,
                GuidelineProblemSeverity severity = GuidelineProblemSeverity.Error,
                bool sheetOnly = false,
                string? snippetId = null,
                string? language = null,
                string? field = null) =>
                problems.Add(new GuidelineCatalogProblem
                {
                    Severity = severity,
                    Code = code,
                    Message = message,
                    Source = path,
                    Sheet = cell.Sheet,
                    Row = sheetOnly || cell.Row <= 0 ? (int?)null : cell.Row,
                    Column = cell.Column,
                    SnippetId = string.IsNullOrEmpty(snippetId) ? null : snippetId,
                    Language = language,
                    Field = field,
                });
        }
    }
}
