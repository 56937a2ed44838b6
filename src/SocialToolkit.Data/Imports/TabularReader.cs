using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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

            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            if (bytes.Length == 0)
            {
                throw Empty(path);
            }

            var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (extension == ".xls" || (bytes.Length >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0))
            {
                throw new SocialToolkitException("ImportUnsupportedFile", FailureKind.InvalidData, $"{path} is an old binary Excel workbook (.xls). Save it as .xlsx or CSV and import that.", path);
            }

            var isZip = bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
            return isZip ? ReadWorkbook(path, bytes, token) : ReadCsv(path, bytes, delimiter, token);
        }

        private static SocialToolkitException Empty(string path) =>
            new SocialToolkitException("ImportEmptyFile", FailureKind.InvalidData, $"{path}: row 1: the file is empty; expected a header row and at least one data row.", path);

        private static TabularData ReadCsv(string path, byte[] bytes, char? delimiter, CancellationToken token)
        {
            var text = TextDecoder.Decode(bytes, out var encodingName);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Empty(path);
            }

            // Excel writes a first line "sep=;" when asked to name the separator; Excel hides it, so it is not a row either.
            if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length >= 5 && (text.Length == 5 || text[5] == '\r' || text[5] == '\n'))
            {
                delimiter = delimiter ?? text[4];
                var lineEnd = text.IndexOf('\n');
                text = lineEnd < 0 ? string.Empty : text.Substring(lineEnd + 1);
            }

            var separator = delimiter ?? DetectDelimiter(text);
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

            var rows = new List<RawRow>();
            string[]? headers = null;
            var headerRow = 0;
            try
            {
                using var reader = CsvReader.Create(new StringReader(text), options, false);
                while (reader.Read())
                {
                    token.ThrowIfCancellationRequested();
                    var record = new string[reader.FieldCount];
                    for (var i = 0; i < record.Length; i++)
                    {
                        record[i] = reader.GetString(i) ?? string.Empty;
                    }

                    if (record.All(string.IsNullOrWhiteSpace))
                    {
                        continue;
                    }

                    var rowNumber = checked((int)reader.RowNumber);
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

                    rows.Add(new RawRow(rowNumber, record.Select(v => new RawCell(v)).ToArray()));
                }
            }
            catch (CsvFormatException e)
            {
                throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path}: row {e.RecordNumber}: the CSV cannot be read ({FirstLine(e.Message)}).", path, e);
            }

            if (headers == null)
            {
                throw Empty(path);
            }

            var name = separator == '\t' ? "tab" : "'" + separator + "'";
            return new TabularData(path, headerRow, headers, rows, $"CSV, delimiter {name}, {encodingName}", separator);
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
        internal static char DetectDelimiter(string text)
        {
            using var reader = new StringReader(text);
            string? line;
            while ((line = reader.ReadLine()) != null && string.IsNullOrWhiteSpace(line))
            {
            }

            if (line == null)
            {
                return ',';
            }

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

                return new TabularData(path, headerRow, headers, rows, $"xlsx, sheet '{sheet.Name}'", null);
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
