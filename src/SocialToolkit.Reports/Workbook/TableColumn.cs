using System;
using System.Globalization;
using System.Linq;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>How a cell is written and formatted. The format codes are stored in the file; Excel shows them in the reader's locale.</summary>
    internal enum CellKind
    {
        Text,
        Integer,
        Decimal,
        Percent,
        Date,
    }

    /// <summary>One column of a report table: its exact header, its kind and how to get a row's value (null = blank).</summary>
    internal sealed class TableColumn<T>
    {
        public TableColumn(string header, CellKind kind, Func<T, object?> value, Func<T, CellKind>? kindOf = null)
        {
            Header = header;
            Kind = kind;
            Value = value;
            KindOf = kindOf;
        }

        public string Header { get; }

        public CellKind Kind { get; }

        public Func<T, object?> Value { get; }

        /// <summary>Per-row kind, for Measure/Value tables whose values are of mixed kinds.</summary>
        public Func<T, CellKind>? KindOf { get; }

        /// <summary>A wide column that wraps instead of growing (About's details).</summary>
        public int? FixedWidth { get; set; }

        public CellKind KindFor(T row) => KindOf?.Invoke(row) ?? Kind;

        /// <summary>The value of a whole-number column made by <see cref="WholeNumber"/>, read without boxing it.</summary>
        public Func<T, int>? WholeValue { get; private set; }

        /// <summary>
        /// A column of whole numbers that are never blank: a streamed sheet reads them as numbers, not as objects (on
        /// 100,000 rows of seven such columns, a boxed number per cell made 17 MB of garbage per pass).
        /// </summary>
        public static TableColumn<T> WholeNumber(string header, Func<T, int> value) =>
            new TableColumn<T>(header, CellKind.Integer, row => value(row)) { WholeValue = value };
    }

    internal static class CellFormats
    {
        public const string Integer = "#,##0";
        public const string Decimal = "0.00";
        public const string Percent = "0.0%";
        public const string Date = "yyyy-mm-dd";

        public static string? FormatCode(CellKind kind) => kind switch
        {
            CellKind.Integer => Integer,
            CellKind.Decimal => Decimal,
            CellKind.Percent => Percent,
            CellKind.Date => Date,
            _ => null,
        };

        /// <summary>Roughly what Excel shows, to size columns (AdjustToContents needs GDI+, absent on Linux servers).</summary>
        public static string Display(object? value, CellKind kind)
        {
            if (value == null)
            {
                return string.Empty;
            }

            if (value is string text)
            {
                return text;
            }

            var culture = CultureInfo.InvariantCulture;
            return kind switch
            {
                CellKind.Integer => Convert.ToDouble(value, culture).ToString("#,##0", culture),
                CellKind.Decimal => Convert.ToDouble(value, culture).ToString("0.00", culture),
                CellKind.Percent => Convert.ToDouble(value, culture).ToString("0.0%", culture),
                CellKind.Date => ((DateTime)value).ToString("yyyy-MM-dd", culture),
                _ => Convert.ToString(value, culture) ?? string.Empty,
            };
        }

        /// <summary>Column width in characters: the longest shown text, room for the filter button, within limits.</summary>
        public static double Width(int longest, int header) => Math.Min(60, Math.Max(header + 4, longest + 2));

        /// <summary>Text Excel would read as a formula if typed: stored with a quote prefix so it stays text everywhere.</summary>
        public static bool NeedsQuotePrefix(string text) => text.Length > 0 && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');

        /// <summary>A valid sheet name: safe text without the characters Excel forbids in sheet names, at most 31 characters.</summary>
        public static string SheetName(string name)
        {
            var cleaned = new string(XmlSafe(name).Where(c => c != '\n' && "[]:*?/\\".IndexOf(c) < 0).ToArray()).Trim('\'', ' ');
            cleaned = cleaned.Length > 31 ? cleaned.Substring(0, 31) : cleaned;
            return cleaned.Length == 0 ? "Sheet" : cleaned;
        }

        /// <summary>
        /// Text fit for any place in a workbook (cell, chart label, title, sheet name): control characters (C0, DEL, C1)
        /// removed except line breaks, and unpaired surrogates removed. XML cannot carry most control characters, and one
        /// of them in a department name would stop the whole report.
        /// </summary>
        public static string XmlSafe(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (Unsafe(text, i))
                {
                    var builder = new System.Text.StringBuilder(text.Length);
                    for (var j = 0; j < text.Length; j++)
                    {
                        if (!Unsafe(text, j))
                        {
                            builder.Append(text[j]);
                        }
                    }

                    return builder.ToString();
                }
            }

            return text;
        }

        private static bool Unsafe(string text, int i)
        {
            var c = text[i];
            if (c == '\n')
            {
                return false;
            }

            if (char.IsControl(c) || c == '\uFFFE' || c == '\uFFFF')
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
            }

            return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
        }
    }
}
