using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ClosedXML.Excel;
using CsvHelper;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// Reads a CSV or xlsx file into a header and data rows, keeping the row numbers a spreadsheet shows so that
    /// every error can point at the right row. Values are kept exactly as written: nothing is guessed here.
    /// </summary>
    internal static class TabularReader
    {
        private static readonly char[] CandidateDelimiters = { ',', ';', '\t', '|' };

        public static TabularData Read(string path, char? delimiter, CancellationToken token)
        {
            if (!File.Exists(path))
            {
                throw new SocialToolkitException("ImportFileNotFound", FailureKind.NotFound, $"{path} does not exist.", path);
            }

            var length = new FileInfo(path).Length;
            if (length == 0)
            {
                throw Empty(path);
            }

            var start = new byte[8];
            int startLength;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                startLength = stream.Read(start, 0, start.Length);
            }

            var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (extension == ".xls" || (startLength >= 8 && start[0] == 0xD0 && start[1] == 0xCF && start[2] == 0x11 && start[3] == 0xE0))
            {
                throw new SocialToolkitException("ImportUnsupportedFile", FailureKind.InvalidData, $"{path} is an old binary Excel workbook (.xls). Save it as .xlsx or CSV and import that.", path);
            }

            var isZip = startLength >= 4 && start[0] == (byte)'P' && start[1] == (byte)'K' && start[2] == 3 && start[3] == 4;
            if (!isZip)
            {
                return ReadCsv(path, delimiter, token);
            }

            ImportLimits.CheckWorkbookSize(path, length);

            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            return ReadWorkbook(path, bytes, token);
        }

        private static SocialToolkitException Empty(string path) =>
            new SocialToolkitException("ImportEmptyFile", FailureKind.InvalidData, $"{path}: row 1: the file is empty; expected a header row and at least one data row.", path);

        /// <summary>
        /// Reads a CSV file as a stream: one pass now finds the header, counts the rows and checks their shape; the rows
        /// themselves are read again from disk each time an import goes through them, so memory does not grow with the
        /// file (2,000,000 rows import in a few hundred MB).
        /// </summary>
        private static TabularData ReadCsv(string path, char? delimiter, CancellationToken token)
        {
            var open = TextDecoder.Open(path, out var encodingName);
            var skipFirstLine = false;
            string? firstContent = null;
            Unreadable(path, () =>
            {
                using var reader = open();
                var line = reader.ReadLine();

                // Excel writes a first line "sep=;" when asked to name the separator; Excel hides it, so it is not a row either.
                if (line != null && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && line.Length == 5)
                {
                    delimiter = delimiter ?? line[4];
                    skipFirstLine = true;
                    line = reader.ReadLine();
                }

                while (line != null && string.IsNullOrWhiteSpace(line))
                {
                    line = reader.ReadLine();
                }

                firstContent = line;
                return 0;
            });
            if (firstContent == null)
            {
                throw Empty(path);
            }

            var separator = delimiter ?? DetectDelimiter(firstContent);
            var options = CsvOptions(new Dictionary<string, object>
            {
                ["Separator"] = (char?)separator,
                ["HasHeader"] = false,

                // Blank lines are rows in Excel too: keep them so row numbers match, then skip them below.
                ["SkipEmptyLines"] = false,
                ["MalformedData"] = CsvMalformedDataHandling.Throw,
                ["TrackLineNumbers"] = true,
                ["DetectSeparatorHint"] = false,
            });

            IEnumerable<(int Row, string[] Record)> Records(CancellationToken cancellation)
            {
                using var text = open();
                if (skipFirstLine)
                {
                    text.ReadLine();
                }

                using var reader = CsvReader.Create(text, options, false);
                while (true)
                {
                    bool more;
                    try
                    {
                        more = reader.Read();
                    }
                    catch (CsvFormatException e)
                    {
                        throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path}: row {e.RecordNumber}: the CSV cannot be read ({FirstLine(e.Message)}).", path, e);
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path}: the text is not valid {encodingName} ({FirstLine(e.Message)}).", path, e);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    cancellation.ThrowIfCancellationRequested();
                    var record = new string[reader.FieldCount];
                    var blank = true;
                    for (var i = 0; i < record.Length; i++)
                    {
                        record[i] = reader.GetString(i) ?? string.Empty;
                        blank = blank && string.IsNullOrWhiteSpace(record[i]);
                    }

                    if (!blank)
                    {
                        yield return (checked((int)reader.RowNumber), record);
                    }
                }
            }

            string[]? headers = null;
            var headerRow = 0;
            var count = 0;
            foreach (var (rowNumber, record) in Records(token))
            {
                if (headers == null)
                {
                    headers = record.Select(h => h.Trim()).ToArray();
                    headerRow = rowNumber;
                    continue;
                }

                if (record.Length > headers.Length && record.Skip(headers.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    throw new SocialToolkitException("ImportInvalidValue", FailureKind.InvalidData,
                        $"{path}: row {rowNumber}, column {record.Length}: the row has {record.Length} values but the header has {headers.Length} columns. A value containing the delimiter must be in double quotes.",
                        path);
                }

                count++;
            }

            if (headers == null)
            {
                throw Empty(path);
            }

            var header = headerRow;
            IEnumerable<RawRow> Rows()
            {
                foreach (var (rowNumber, record) in Records(token))
                {
                    if (rowNumber > header)
                    {
                        var cells = new RawCell[record.Length];
                        for (var i = 0; i < record.Length; i++)
                        {
                            cells[i] = new RawCell(record[i]);
                        }

                        yield return new RawRow(rowNumber, cells);
                    }
                }
            }

            var name = separator == '\t' ? "tab" : "'" + separator + "'";
            return new TabularData(path, headerRow, headers, new RowSource(Rows, count), $"CSV, delimiter {name}, {encodingName}", separator);
        }

        private static T Unreadable<T>(string path, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (DecoderFallbackException e)
            {
                throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path}: the text cannot be decoded ({FirstLine(e.Message)}).", path, e);
            }
        }

        /// <summary>
        /// CsvReaderOptions has init-only properties, and the netstandard2.0 and net8+ builds of CsvHelper mark them with
        /// different IsExternalInit types: code compiled against one build gets MissingMethodException on the other
        /// (the engine is built for netstandard2.0 but runs on whichever build the host resolves). Setting them by
        /// reflection binds by name and works with both.
        /// </summary>
        private static CsvReaderOptions CsvOptions(IDictionary<string, object> settings)
        {
            var options = new CsvReaderOptions();
            foreach (var setting in settings)
            {
                var property = typeof(CsvReaderOptions).GetProperty(setting.Key)
                    ?? throw new InvalidOperationException("CsvReaderOptions has no property " + setting.Key + ".");
                property.SetValue(options, setting.Value);
            }

            return options;
        }

        /// <summary>The delimiter that splits the first non-blank line (outside quotes) into the most columns.</summary>
        internal static char DetectDelimiter(string line)
        {
            var counts = new int[CandidateDelimiters.Length];
            var quoted = false;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                    continue;
                }

                var index = Array.IndexOf(CandidateDelimiters, c);
                if (!quoted && index >= 0)
                {
                    counts[index]++;
                }
            }

            var best = 0;
            for (var i = 1; i < counts.Length; i++)
            {
                if (counts[i] > counts[best])
                {
                    best = i;
                }
            }

            return CandidateDelimiters[best];
        }

        private static TabularData ReadWorkbook(string path, byte[] bytes, CancellationToken token)
        {
            ImportLimits.CheckWorkbook(path, bytes);
            XLWorkbook workbook;
            try
            {
                workbook = new XLWorkbook(new MemoryStream(bytes, writable: false));
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path} is not a readable xlsx workbook ({FirstLine(e.Message)}).", path, e);
            }

            using (workbook)
            {
                var sheet = workbook.Worksheets.FirstOrDefault(s => s.Visibility == XLWorksheetVisibility.Visible) ?? workbook.Worksheets.FirstOrDefault();
                var used = sheet?.RangeUsed();
                if (sheet == null || used == null)
                {
                    throw Empty(path);
                }

                var firstColumn = used.RangeAddress.FirstAddress.ColumnNumber;
                var lastColumn = used.RangeAddress.LastAddress.ColumnNumber;
                var lastRow = used.RangeAddress.LastAddress.RowNumber;
                string[]? headers = null;
                var headerRow = 0;
                var rows = new List<RawRow>();
                for (var r = used.RangeAddress.FirstAddress.RowNumber; r <= lastRow; r++)
                {
                    token.ThrowIfCancellationRequested();
                    var cells = new RawCell[lastColumn - firstColumn + 1];
                    for (var c = firstColumn; c <= lastColumn; c++)
                    {
                        cells[c - firstColumn] = ReadCell(sheet.Cell(r, c));
                    }

                    if (cells.All(cell => cell.IsEmpty))
                    {
                        continue;
                    }

                    if (headers == null)
                    {
                        headers = cells.Select(cell => cell.Text.Trim()).ToArray();
                        headerRow = r;
                        continue;
                    }

                    rows.Add(new RawRow(r, cells));
                }

                if (headers == null)
                {
                    throw Empty(path);
                }

                return new TabularData(path, headerRow, headers, new RowSource(rows), $"xlsx, sheet '{sheet.Name}'", null);
            }
        }

        /// <summary>
        /// The cell's stored value without ClosedXML's formatting (GetFormattedString is broken in 0.95.4): text as
        /// written, numbers in invariant form, real dates as dates; formula cells give their cached result.
        /// </summary>
        private static RawCell ReadCell(IXLCell cell)
        {
            object? value = cell.HasFormula ? cell.CachedValue : cell.Value;
            switch (value)
            {
                case null:
                    return new RawCell(string.Empty);
                case DateTime date:
                    return new RawCell(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date: date);
                case TimeSpan time:
                    return new RawCell(time.ToString("c", CultureInfo.InvariantCulture));
                case bool flag:
                    return new RawCell(flag ? "TRUE" : "FALSE");
                case double number:
                    var format = cell.Style.NumberFormat;
                    var isPercent = format.NumberFormatId == 9 || format.NumberFormatId == 10 || (format.Format ?? string.Empty).Contains("%");
                    return new RawCell(number.ToString("R", CultureInfo.InvariantCulture), number: number, isPercent: isPercent);
                case IConvertible convertible when !(value is string):
                    var asNumber = convertible.ToDouble(CultureInfo.InvariantCulture);
                    return new RawCell(asNumber.ToString("R", CultureInfo.InvariantCulture), number: asNumber);
                default:
                    return new RawCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
