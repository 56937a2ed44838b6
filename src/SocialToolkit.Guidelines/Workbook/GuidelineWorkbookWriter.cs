using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ClosedXML.Excel;
using SocialToolkit.Core.Files;
using SocialToolkit.Guidelines.Catalog;
using L = SocialToolkit.Guidelines.Workbook.GuidelineWorkbookLayout;

namespace SocialToolkit.Guidelines.Workbook
{
    /// <summary>Writes a catalog as the guidelines workbook; <see cref="GuidelineWorkbookReader"/> reads it back unchanged.</summary>
    public static class GuidelineWorkbookWriter
    {
        private const double MinWidth = 8;
        private const double MaxPlainWidth = 50;
        private const double BodyWidth = 70;

        public static void Save(GuidelineCatalog catalog, string path, bool overwrite)
        {
            using var file = Prepare(path, overwrite);
            Save(catalog, file);
        }

        /// <summary>Checks a guidelines workbook to write (-OutputPath, .xlsx): not owner-only, it holds no personal data.</summary>
        public static OutputFile Prepare(string path, bool overwrite) => OutputFile.Prepare(path, overwrite, ownerOnly: false, "-OutputPath", ".xlsx");

        /// <summary>Writes the workbook to a prepared file.</summary>
        public static void Save(GuidelineCatalog catalog, OutputFile file)
        {
            var temporary = file.NewTemporary();
            file.Write(() =>
            {
                // Saved through a stream: ClosedXML picks the format from a file name's extension, and the
                // temporary file's is .tmp.
                using var workbook = Build(catalog);
                using var stream = file.Create(temporary);
                workbook.SaveAs(stream);
            });
            file.Commit(temporary);
        }

        internal static XLWorkbook Build(GuidelineCatalog catalog)
        {
            var workbook = new XLWorkbook();
            var languages = catalog.Languages;

            var snippetHeaders = new List<string> { L.IdColumn, L.CategoryColumn, L.TagsColumn };
            foreach (var language in languages)
            {
                snippetHeaders.Add(L.Title(language));
                snippetHeaders.Add(L.Body(language));
            }

            AddSheet(
                workbook,
                L.SnippetsSheet,
                snippetHeaders,
                catalog.Snippets.Select(s => new[] { s.Id, s.Category, string.Join(", ", s.Tags) }
                    .Concat(languages.SelectMany(l => new[] { Text(s.Title, l), Text(s.Body, l) }))
                    .ToList()),
                isBody: header => header.StartsWith("Body (", StringComparison.Ordinal));

            AddSheet(
                workbook,
                L.CategoriesSheet,
                new[] { L.IdColumn }.Concat(languages.Select(L.Title)).ToList(),
                catalog.Categories.Select(c => new[] { c.Id }.Concat(languages.Select(l => Text(c.Title, l))).ToList()),
                isBody: _ => false);

            AddSheet(
                workbook,
                L.PlaceholdersSheet,
                new[] { L.NameColumn }.Concat(languages.Select(L.Label)).Concat(new[] { L.ExampleColumn, L.ValueColumn }).ToList(),
                catalog.Placeholders.Select(p => new[] { p.Name }.Concat(languages.Select(l => Text(p.Label, l))).Concat(new[] { p.Example ?? string.Empty, p.Value ?? string.Empty }).ToList()),
                isBody: _ => false);

            AddSheet(
                workbook,
                L.AboutSheet,
                new[] { L.SettingColumn, L.ValueColumn },
                new[]
                {
                    new List<string> { L.CatalogVersionSetting, catalog.CatalogVersion },
                    new List<string> { L.DefaultLanguageSetting, catalog.DefaultLanguage },
                    new List<string> { L.LanguagesSetting, string.Join(", ", languages) },
                    new List<string> { L.SchemaVersionSetting, catalog.SchemaVersion.ToString(CultureInfo.InvariantCulture) },
                },
                isBody: _ => false);

            return workbook;
        }

        private static void AddSheet(XLWorkbook workbook, string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, Func<string, bool> isBody)
        {
            var sheet = workbook.Worksheets.Add(name);
            var widths = headers.Select(h => (double)h.Length + 2).ToArray();
            for (var c = 0; c < headers.Count; c++)
            {
                Write(sheet.Cell(1, c + 1), headers[c]);
            }

            var row = 1;
            foreach (var values in rows)
            {
                row++;
                for (var c = 0; c < headers.Count; c++)
                {
                    var value = c < values.Count ? values[c] : string.Empty;
                    Write(sheet.Cell(row, c + 1), value);
                    var longestLine = value.Split('\n').Max(line => line.Length);
                    widths[c] = Math.Max(widths[c], longestLine + 2);
                }
            }

            // A table needs a data row; an empty list (no placeholder yet) gets one blank row to fill in.
            var table = sheet.Range(1, 1, Math.Max(row, 2), headers.Count).CreateTable(name.Replace(" ", string.Empty));
            table.Theme = XLTableTheme.TableStyleMedium2;
            table.ShowAutoFilter = true;
            sheet.SheetView.FreezeRows(1);
            sheet.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;

            // Widths from the text itself: AdjustToContents measures fonts through GDI+, absent on servers.
            for (var c = 0; c < headers.Count; c++)
            {
                var column = sheet.Column(c + 1);
                if (isBody(headers[c]))
                {
                    column.Width = BodyWidth;
                    column.Style.Alignment.WrapText = true;
                }
                else
                {
                    column.Width = Math.Max(MinWidth, Math.Min(MaxPlainWidth, widths[c]));
                    if (widths[c] > MaxPlainWidth)
                    {
                        column.Style.Alignment.WrapText = true;
                    }
                }
            }
        }

        private static void Write(IXLCell cell, string text)
        {
            // SetValue<string> stores text as text: "2026.11.1", "00123" or "TRUE" would otherwise become numbers,
            // dates or booleans. The quote prefix keeps Excel from reading "=…", "+…", "-…", "@…" as formulas.
            cell.SetValue<string>(text);
            if (text.Length > 0 && "=+-@".IndexOf(text[0]) >= 0)
            {
                cell.Style.IncludeQuotePrefix = true;
            }
        }

        private static string Text(Dictionary<string, string> texts, string language) =>
            texts != null && texts.TryGetValue(language, out var text) && text != null ? text : string.Empty;
    }
}
