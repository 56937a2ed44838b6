using System;
using System.Collections.Generic;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// One value of a file, as the file holds it. CSV cells are text only; xlsx cells keep Excel's own number or
    /// date next to the text, because a real Excel date has no text to parse.
    /// </summary>
    internal readonly struct RawCell
    {
        public RawCell(string text, DateTime? date = null, double? number = null, bool isPercent = false)
        {
            Text = text;
            Date = date;
            Number = number;
            IsPercent = isPercent;
        }

        public string Text { get; }

        /// <summary>Set when the xlsx cell is a real Excel date.</summary>
        public DateTime? Date { get; }

        /// <summary>Set when the xlsx cell is a real number.</summary>
        public double? Number { get; }

        /// <summary>True when the xlsx cell is a number shown as a percentage (0.75 shown as 75%).</summary>
        public bool IsPercent { get; }

        public bool IsEmpty => Date == null && Number == null && string.IsNullOrWhiteSpace(Text);
    }

    /// <summary>A data row and the row number a spreadsheet shows for it (the header is row 1).</summary>
    internal sealed class RawRow
    {
        public RawRow(int number, IReadOnlyList<RawCell> cells)
        {
            Number = number;
            Cells = cells;
        }

        public int Number { get; }

        public IReadOnlyList<RawCell> Cells { get; }

        public RawCell this[int column] => column < Cells.Count ? Cells[column] : new RawCell(string.Empty);
    }

    /// <summary>
    /// The data rows of a file. A CSV file is read again from disk at each enumeration rather than held in memory, so a
    /// file of millions of rows costs the memory of one row; a workbook (bounded by <see cref="ImportLimits"/>) is a list.
    /// </summary>
    internal sealed class RowSource : IEnumerable<RawRow>
    {
        private readonly Func<IEnumerable<RawRow>> open;

        public RowSource(IReadOnlyList<RawRow> rows)
        {
            open = () => rows;
            Count = rows.Count;
        }

        public RowSource(Func<IEnumerable<RawRow>> open, int count)
        {
            this.open = open;
            Count = count;
        }

        public int Count { get; }

        public IEnumerator<RawRow> GetEnumerator() => open().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A file read as a header and data rows, before any meaning is given to the columns.</summary>
    internal sealed class TabularData
    {
        public TabularData(string path, int headerRow, IReadOnlyList<string> headers, RowSource rows, string format, char? delimiter)
        {
            Path = path;
            HeaderRow = headerRow;
            Headers = headers;
            Rows = rows;
            Format = format;
            Delimiter = delimiter;
        }

        public string Path { get; }

        public int HeaderRow { get; }

        public IReadOnlyList<string> Headers { get; }

        public RowSource Rows { get; }

        /// <summary>How the file was read, for the summary: "CSV ';' UTF-8 (BOM)" or "xlsx sheet 'Data'".</summary>
        public string Format { get; }

        /// <summary>The CSV delimiter used, null for xlsx.</summary>
        public char? Delimiter { get; }
    }
}
