using System;
using System.Globalization;

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

        /// <summary>Removes characters XML cannot carry (control characters other than tab and line breaks).</summary>
        public static string XmlSafe(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF')
                {
                    var builder = new System.Text.StringBuilder(text.Length);
                    foreach (var d in text)
                    {
                        if (!((d < 0x20 && d != '\t' && d != '\n' && d != '\r') || d == '\uFFFE' || d == '\uFFFF'))
                        {
                            builder.Append(d);
                        }
                    }

                    return builder.ToString();
                }
            }

            return text;
        }
    }
}
