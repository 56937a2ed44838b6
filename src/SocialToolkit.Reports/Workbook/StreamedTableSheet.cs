using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>
    /// A table sheet too big for ClosedXML (100,000 rows: 16 s and 1.4 GB). ClosedXML writes a placeholder: the header, one
    /// prototype row whose cells carry the number formats (so the styles exist in the workbook) and the table. After the
    /// workbook is saved, the package is copied entry by entry into the final file and the placeholder sheet is replaced by
    /// the real rows, written as bytes (<see cref="RowXmlWriter"/>) with the prototype's style ids; the table's range is
    /// widened to the real rows and the column widths are set from them. The rows can also be made, measured and written on
    /// another core while the rest of the workbook is written (style marks stand in for the style ids until they are known).
    /// </summary>
    internal sealed class StreamedTableSheet<T> : IDisposable
    {
        private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private const string MarkupCompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006";
        private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
        private readonly string sheetName;
        private readonly IReadOnlyList<TableColumn<T>> columns;
        private readonly Func<IReadOnlyList<T>> rowsWhenWriting;
        private readonly MadeAhead<IReadOnlyList<T>>? rowsAhead;
        private readonly uint?[] styles;
        private uint? quotedTextStyle;
        private uint? headerStyle;
        private string? sheetEntry;
        private string? tableEntry;
        private List<OpenXmlElement> beforeData = new List<OpenXmlElement>();
        private List<OpenXmlElement> afterData = new List<OpenXmlElement>();
        private List<KeyValuePair<string, string>> namespaces = new List<KeyValuePair<string, string>>();
        private string? ignorable;

        /// <summary>What ClosedXML adds to a column width when it saves it, found on the placeholder's first column.</summary>
        private double widthPadding;
        private UInt32Value? columnStyle;
        private (IReadOnlyList<T>? Rows, double[] Widths) measured;
        private (IReadOnlyList<T>? Rows, List<byte[]>? Blocks) writtenAhead;

        public StreamedTableSheet(string sheetName, IReadOnlyList<TableColumn<T>> columns, IReadOnlyList<T> rows)
        {
            this.sheetName = sheetName;
            this.columns = columns;
            rowsWhenWriting = () => rows;
            styles = new uint?[columns.Count];
        }

        /// <summary>
        /// A sheet whose rows are made on another core, from now on, by <paramref name="makeRows"/>, and measured and written
        /// ahead there (<see cref="Prepare"/>) while the rest of the workbook is written; writing the sheet waits for them.
        /// </summary>
        public StreamedTableSheet(string sheetName, IReadOnlyList<TableColumn<T>> columns, Func<IReadOnlyList<T>> makeRows, CancellationToken token)
        {
            this.sheetName = sheetName;
            this.columns = columns;
            styles = new uint?[columns.Count];
            var making = new MadeAhead<IReadOnlyList<T>>(() =>
            {
                var rows = makeRows();
                Prepare(rows, token);
                return rows;
            });
            rowsAhead = making;
            rowsWhenWriting = () => making.Value;
        }

        /// <summary>Waits for rows being made ahead, if any: they may use what the caller disposes next (a pseudonym key).</summary>
        public void Dispose() => rowsAhead?.Dispose();

        /// <summary>Step 1, with ClosedXML: the placeholder sheet (header, prototype row, table, frozen header, print layout).</summary>
        public void WritePlaceholder(IXLWorkbook workbook, string tableName)
        {
            var sheet = workbook.Worksheets.Add(sheetName);
            for (var c = 0; c < columns.Count; c++)
            {
                sheet.Cell(1, c + 1).SetValue<string>(columns[c].Header);
                object prototype = columns[c].Kind switch
                {
                    CellKind.Date => new DateTime(2000, 1, 1),
                    CellKind.Text => "x",
                    _ => 1.0,
                };
                TableSheet.SetCell(sheet.Cell(2, c + 1), prototype, columns[c].Kind);
                sheet.Column(c + 1).Width = HeaderWidth(c);
            }

            // Outside the table: a text cell with a quote prefix, only so the workbook has that style to reuse.
            TableSheet.SetCell(sheet.Cell(3, 1), "=x", CellKind.Text);
            var table = sheet.Range(1, 1, 2, columns.Count).CreateTable(tableName);
            table.Theme = XLTableTheme.FromName(TableSheet.TableStyle);
            sheet.SheetView.FreezeRows(1);
            TableSheet.StyleHeader(sheet.Range(1, 1, 1, columns.Count));
            TableSheet.PrintLayout(sheet, onePage: false);
        }

        /// <summary>Step 2, with the OpenXml SDK on the saved file: where the sheet and its table live, and the prototype's styles.</summary>
        public void Inspect(SpreadsheetDocument document)
        {
            var workbookPart = document.WorkbookPart!;
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            sheetEntry = worksheetPart.Uri.OriginalString.TrimStart('/');
            tableEntry = worksheetPart.TableDefinitionParts.Single().Uri.OriginalString.TrimStart('/');
            var worksheet = worksheetPart.Worksheet;
            namespaces = worksheet.NamespaceDeclarations.ToList();
            ignorable = worksheet.MCAttributes?.Ignorable?.Value;
            var data = worksheet.GetFirstChild<SheetData>()!;
            var prototype = data.Elements<Row>().Single(r => r.RowIndex! == 2U);
            foreach (var cell in prototype.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!);
                styles[column] = cell.StyleIndex?.Value;
            }

            var firstColumn = worksheet.GetFirstChild<Columns>()?.Elements<Column>().FirstOrDefault(c => c.Min?.Value == 1U);
            widthPadding = firstColumn?.Width?.Value is double saved ? saved - HeaderWidth(0) : 0;
            columnStyle = firstColumn?.Style;
            quotedTextStyle = data.Elements<Row>().Single(r => r.RowIndex! == 3U).Elements<Cell>().First().StyleIndex?.Value;
            headerStyle = data.Elements<Row>().Single(r => r.RowIndex! == 1U).Elements<Cell>().First().StyleIndex?.Value;
            var before = true;
            foreach (var child in worksheet.ChildElements)
            {
                if (child is SheetData)
                {
                    before = false;
                    continue;
                }

                (before ? beforeData : afterData).Add(child.CloneNode(true));
            }
        }

        /// <summary>Step 3: copies <paramref name="source"/> to <paramref name="destination"/>, streaming the real rows into the sheet.</summary>
        public void CopyWithRows(string source, Stream destination, IOperationReporter reporter, string activity, CancellationToken token)
        {
            if (sheetEntry == null || tableEntry == null)
            {
                throw new InvalidOperationException("Inspect the saved workbook first.");
            }

            var rows = rowsWhenWriting();
            using var input = ZipFile.OpenRead(source);
            using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in input.Entries)
            {
                var copy = output.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                using var target = copy.Open();
                if (string.Equals(entry.FullName, sheetEntry, StringComparison.Ordinal))
                {
                    WriteSheet(target, rows, reporter, activity, token);
                }
                else if (string.Equals(entry.FullName, tableEntry, StringComparison.Ordinal))
                {
                    using var stream = entry.Open();
                    var table = XDocument.Load(stream);
                    var range = "A1:" + TableSheet.ColumnLetter(columns.Count) + Math.Max(2, rows.Count + 1).ToString(CultureInfo.InvariantCulture);
                    table.Root!.SetAttributeValue("ref", range);
                    foreach (var filter in table.Root.Elements().Where(e => e.Name.LocalName == "autoFilter"))
                    {
                        filter.SetAttributeValue("ref", range);
                    }

                    table.Save(target, System.Xml.Linq.SaveOptions.DisableFormatting);
                }
                else
                {
                    using var stream = entry.Open();
                    stream.CopyTo(target);
                }
            }
        }

        private void WriteSheet(Stream target, IReadOnlyList<T> rows, IOperationReporter reporter, string activity, CancellationToken token)
        {
            // The elements around the rows (views, widths, print setup, table part) go through an XmlWriter, keeping the
            // placeholder's namespaces (and which of them older readers may ignore); the rows go straight to the stream as
            // bytes, in the default namespace the root declares.
            using var writer = XmlWriter.Create(target, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
            writer.WriteStartDocument(true);
            writer.WriteStartElement(string.Empty, "worksheet", MainNamespace);
            foreach (var declared in namespaces.Where(n => n.Key.Length > 0 && n.Key != "r"))
            {
                writer.WriteAttributeString("xmlns", declared.Key, XmlnsNamespace, declared.Value);
            }

            writer.WriteAttributeString("xmlns", "r", XmlnsNamespace, RelationshipsNamespace);
            if (ignorable != null)
            {
                writer.WriteAttributeString("mc", "Ignorable", MarkupCompatibilityNamespace, ignorable);
            }

            var lastRow = Math.Max(2, rows.Count + 1);
            foreach (var element in beforeData)
            {
                var written = element switch
                {
                    SheetDimension _ => new SheetDimension { Reference = "A1:" + TableSheet.ColumnLetter(columns.Count) + lastRow.ToString(CultureInfo.InvariantCulture) },
                    Columns _ => ColumnWidths(rows),
                    _ => element,
                };
                written.WriteTo(writer);
            }

            writer.WriteStartElement(string.Empty, "sheetData", MainNamespace);
            writer.WriteStartElement(string.Empty, "row", MainNamespace);
            writer.WriteAttributeString("r", "1");
            for (var c = 0; c < columns.Count; c++)
            {
                writer.WriteStartElement(string.Empty, "c", MainNamespace);
                writer.WriteAttributeString("r", TableSheet.ColumnLetter(c + 1) + "1");
                if (headerStyle != null)
                {
                    writer.WriteAttributeString("s", StyleText(headerStyle));
                }

                writer.WriteAttributeString("t", "inlineStr");
                writer.WriteStartElement(string.Empty, "is", MainNamespace);
                writer.WriteElementString(string.Empty, "t", MainNamespace, CellFormats.XmlSafe(columns[c].Header));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.Flush();

            var columnStyles = styles.Select(StyleText).ToArray();
            var prepared = writtenAhead;
            if (prepared.Rows == rows)
            {
                token.ThrowIfCancellationRequested();
                reporter.Progress(activity, $"{sheetName}: {rows.Count} rows", 90);
                RowXmlWriter.CopyWithStyles(prepared.Blocks!, columnStyles, StyleText(quotedTextStyle), target);
            }
            else
            {
                var cells = new RowXmlWriter(target, columnStyles, StyleText(quotedTextStyle));
                WriteRows(cells, rows, token, r => reporter.Progress(activity, $"{sheetName}: row {r + 1} of {rows.Count}", (int)(100L * r / Math.Max(1, rows.Count))));
                cells.Flush();
            }

            writer.WriteEndElement();
            foreach (var element in afterData)
            {
                element.WriteTo(writer);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        /// <summary>
        /// Measures the column widths and writes the rows ahead, so that writing the sheet only has to put the style ids in.
        /// Holds the rows' XML until then (about 50 MB for 100,000 rows).
        /// </summary>
        private void Prepare(IReadOnlyList<T> rows, CancellationToken token)
        {
            var widths = Widths(rows);
            var blocks = new BlockStream();
            var cells = RowXmlWriter.WithStylesLater(blocks, columns.Count);
            WriteRows(cells, rows, token, progress: null);
            cells.Flush();
            measured = (rows, widths);
            writtenAhead = (rows, blocks.Blocks);
        }

        /// <summary>The data rows (from the sheet's second row on), cell by cell.</summary>
        private void WriteRows(RowXmlWriter cells, IReadOnlyList<T> rows, CancellationToken token, Action<int>? progress)
        {
            var wholeValues = columns.Select(c => c.WholeValue).ToArray();
            for (var r = 0; r < rows.Count; r++)
            {
                if ((r & 4095) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    progress?.Invoke(r);
                }

                var item = rows[r];
                cells.StartRow(r + 2);
                for (var c = 0; c < columns.Count; c++)
                {
                    if (wholeValues[c] is Func<T, int> whole)
                    {
                        cells.Integer(c, whole(item));
                        continue;
                    }

                    switch (columns[c].Value(item))
                    {
                        case null:
                            break;
                        case string text:
                            cells.Text(c, CellFormats.XmlSafe(text), CellFormats.NeedsQuotePrefix(text));
                            break;
                        case bool flag:
                            cells.Text(c, flag ? "Yes" : "No", quoted: false);
                            break;
                        case int number:
                            cells.Integer(c, number);
                            break;
                        case long number:
                            cells.Integer(c, number);
                            break;
                        case DateTime date:
                            cells.Number(c, date.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case double real:
                            cells.Number(c, real.ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case var other:
                            cells.Number(c, Convert.ToString(other, CultureInfo.InvariantCulture)!);
                            break;
                    }
                }

                cells.EndRow();
            }
        }

        /// <summary>The widths as ClosedXML would have saved them.</summary>
        private Columns ColumnWidths(IReadOnlyList<T> rows)
        {
            var measuredNow = measured;
            var characters = measuredNow.Rows == rows ? measuredNow.Widths : Widths(rows);
            var widths = new Columns();
            for (var c = 0; c < columns.Count; c++)
            {
                // Neighbours of the same width share one element, as ClosedXML writes them.
                var width = characters[c] + widthPadding;
                var index = (uint)(c + 1);
                if (widths.LastChild is Column previous && previous.Width!.Value == width)
                {
                    previous.Max = index;
                }
                else
                {
                    widths.Append(new Column { Min = index, Max = index, Width = width, Style = columnStyle, CustomWidth = true });
                }
            }

            return widths;
        }

        /// <summary>
        /// Widths in characters from the longest text and the largest and smallest numbers of each column: formatting every
        /// cell of 100,000 rows only to measure it would cost more than writing them.
        /// </summary>
        private double[] Widths(IReadOnlyList<T> rows)
        {
            var longest = new int[columns.Count];
            var largest = new double[columns.Count];
            var smallest = new double[columns.Count];
            var numeric = new bool[columns.Count];
            var wholeValues = columns.Select(c => c.WholeValue).ToArray();
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    if (wholeValues[c] is Func<T, int> whole)
                    {
                        var number = whole(row);
                        largest[c] = numeric[c] ? Math.Max(largest[c], number) : number;
                        smallest[c] = numeric[c] ? Math.Min(smallest[c], number) : number;
                        numeric[c] = true;
                        continue;
                    }

                    switch (columns[c].Value(row))
                    {
                        case null:
                            break;
                        case string text:
                            longest[c] = Math.Max(longest[c], text.Length);
                            break;
                        case DateTime _:
                            longest[c] = Math.Max(longest[c], 10);
                            break;
                        case bool _:
                            longest[c] = Math.Max(longest[c], 3);
                            break;
                        case var number:
                            var value = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                            largest[c] = numeric[c] ? Math.Max(largest[c], value) : value;
                            smallest[c] = numeric[c] ? Math.Min(smallest[c], value) : value;
                            numeric[c] = true;
                            break;
                    }
                }
            }

            var widths = new double[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                if (numeric[c])
                {
                    longest[c] = Math.Max(longest[c], Math.Max(CellFormats.Display(largest[c], columns[c].Kind).Length, CellFormats.Display(smallest[c], columns[c].Kind).Length));
                }

                widths[c] = CellFormats.Width(longest[c], columns[c].Header.Length);
            }

            return widths;
        }

        /// <summary>The placeholder's width of a column, from its header alone.</summary>
        private double HeaderWidth(int column) => CellFormats.Width(0, columns[column].Header.Length);

        private static string? StyleText(uint? style) => style?.ToString(CultureInfo.InvariantCulture);

        private static int ColumnIndex(string reference)
        {
            var index = 0;
            foreach (var c in reference)
            {
                if (c < 'A' || c > 'Z')
                {
                    break;
                }

                index = index * 26 + (c - 'A' + 1);
            }

            return index - 1;
        }
    }
    /// <summary>A write-only stream that keeps what is written as a list of blocks (no large array grown and copied).</summary>
    internal sealed class BlockStream : Stream
    {
        public List<byte[]> Blocks { get; } = new List<byte[]>();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Blocks.Sum(b => (long)b.Length);

        public override long Position
        {
            get => Length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var block = new byte[count];
            Buffer.BlockCopy(buffer, offset, block, 0, count);
            Blocks.Add(block);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
