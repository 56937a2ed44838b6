using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ClosedXML.Excel;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>Writes one report table on a ClosedXML sheet: exact headers, typed cells, formats, frozen header, computed widths.</summary>
    internal static class TableSheet
    {
        public const string TableStyle = "TableStyleMedium2";

        public static IXLTable Write<T>(IXLWorksheet sheet, string tableName, IReadOnlyList<TableColumn<T>> columns, IReadOnlyList<T> rows, int headerRow = 1)
        {
            var longest = new int[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var header = sheet.Cell(headerRow, c + 1);
                header.SetValue<string>(CellFormats.XmlSafe(columns[c].Header));
            }

            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var kind = columns[c].KindFor(rows[r]);
                    var value = columns[c].Value(rows[r]);
                    SetCell(sheet.Cell(headerRow + r + 1, c + 1), value, kind);
                    longest[c] = Math.Max(longest[c], CellFormats.Display(value, kind).Length);
                }
            }

            // A table needs a data row; an empty result keeps one blank row.
            var lastRow = headerRow + Math.Max(1, rows.Count);
            var table = sheet.Range(headerRow, 1, lastRow, columns.Count).CreateTable(tableName);
            table.Theme = XLTableTheme.FromName(TableStyle);
            table.ShowRowStripes = true;
            sheet.SheetView.FreezeRows(headerRow);
            StyleHeader(sheet.Range(headerRow, 1, headerRow, columns.Count));
            for (var c = 0; c < columns.Count; c++)
            {
                var column = sheet.Column(c + 1);
                if (columns[c].FixedWidth.HasValue)
                {
                    column.Width = columns[c].FixedWidth!.Value;
                    column.Style.Alignment.WrapText = true;
                    column.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                }
                else
                {
                    column.Width = CellFormats.Width(longest[c], columns[c].Header.Length);
                }
            }

            return table;
        }

        /// <summary>
        /// The header's look written on the cells too: Excel draws the table style, but other readers (LibreOffice, viewers,
        /// PDF exports) ignore table styles and would show a plain header.
        /// </summary>
        public static void StyleHeader(IXLRange header)
        {
            header.Style.Font.Bold = true;
            header.Style.Font.FontColor = XLColor.White;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#1F4E79");
            header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        }

        public static void SetCell(IXLCell cell, object? value, CellKind kind)
        {
            switch (value)
            {
                case null:
                    return;
                case string text:
                    cell.SetValue<string>(CellFormats.XmlSafe(text));
                    if (CellFormats.NeedsQuotePrefix(text))
                    {
                        cell.Style.IncludeQuotePrefix = true;
                    }

                    return;
                case DateTime date:
                    cell.SetValue<DateTime>(date);
                    break;
                case bool flag:
                    cell.SetValue<string>(flag ? "Yes" : "No");
                    return;
                default:
                    cell.SetValue<double>(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
            }

            var format = CellFormats.FormatCode(kind);
            if (format != null)
            {
                cell.Style.NumberFormat.Format = format;
            }
        }

        /// <summary>An A1-style absolute reference to a column's data cells, for chart series.</summary>
        public static string Reference(string sheetName, int column, int firstRow, int lastRow)
        {
            var letter = ColumnLetter(column);
            return "'" + sheetName.Replace("'", "''") + "'!$" + letter + "$" + firstRow.ToString(CultureInfo.InvariantCulture) + ":$" + letter + "$" + lastRow.ToString(CultureInfo.InvariantCulture);
        }

        public static string ColumnLetter(int column)
        {
            var letters = string.Empty;
            while (column > 0)
            {
                var remainder = (column - 1) % 26;
                letters = (char)('A' + remainder) + letters;
                column = (column - 1) / 26;
            }

            return letters;
        }

        /// <summary>Page set-up so a printed or PDF copy of a sheet reads well: landscape, one page wide.</summary>
        public static void PrintLayout(IXLWorksheet sheet, bool onePage, int headerRow = 1)
        {
            sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
            sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
            if (onePage)
            {
                sheet.PageSetup.FitToPages(1, 1);
            }
            else
            {
                sheet.PageSetup.FitToPages(1, 0);
            }

            sheet.PageSetup.Margins.Left = 0.4;
            sheet.PageSetup.Margins.Right = 0.4;
            sheet.PageSetup.Margins.Top = 0.5;
            sheet.PageSetup.Margins.Bottom = 0.5;
            sheet.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
        }

        public static IEnumerable<string> Headers<T>(IEnumerable<TableColumn<T>> columns) => columns.Select(c => c.Header);
    }
}
