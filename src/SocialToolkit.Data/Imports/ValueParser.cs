using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// Reads dates and numbers from cells in one culture, chosen by the user; never the machine's current culture.
    /// ISO dates (2026-03-31, with or without a time) are always accepted; a culture adds its short date pattern
    /// (31/03/2026 under fr-FR), with or without leading zeros and with an optional time.
    /// </summary>
    internal sealed class ValueParser
    {
        private static readonly Regex IsoDate = new Regex(@"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant);
        private readonly string[] culturePatterns;

        public ValueParser(CultureInfo? culture)
        {
            Culture = culture ?? CultureInfo.InvariantCulture;
            culturePatterns = IsInvariant ? Array.Empty<string>() : DatePatterns(Culture.DateTimeFormat);
        }

        public CultureInfo Culture { get; }

        /// <summary>
        /// The date in an optional column: null when the file has no such column or the cell is empty; a cell that is
        /// not a date is added to <paramref name="problems"/> (row and column named) and read as null.
        /// </summary>
        public DateTime? ReadOptionalDate(RawRow row, ColumnMapping columns, string field, ImportProblems problems)
        {
            if (!columns.Has(field))
            {
                return null;
            }

            var cell = columns.Cell(row, field);
            if (cell.IsEmpty)
            {
                return null;
            }

            if (TryParseDate(cell, out var day))
            {
                return day;
            }

            problems.Add("ImportInvalidValue", row.Number, columns.Describe(field), DateProblem(cell.Text));
            return null;
        }

        /// <summary>Why a text is not a date, with a hint at -Culture when the file seems to use day/month dates.</summary>
        public string DateProblem(string text)
        {
            var hint = Culture.Name.Length == 0 && text.IndexOf('/') >= 0
                ? " For dates such as 31/12/2026 give -Culture (e.g. fr-FR or en-GB)."
                : string.Empty;
            return $"'{text.Trim()}' is not a date in the expected format ({ExpectedDate}).{hint}";
        }

        private static readonly Lazy<HashSet<string>> KnownCultures = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name).Where(n => n.Length > 0), StringComparer.OrdinalIgnoreCase));

        /// <summary>
        /// Refuses a culture the system does not know. .NET makes up a culture for any well-formed name ("french",
        /// "xx-YY") with invariant formats, which would read 03/11/2026 as March 11 without a word.
        /// </summary>
        public static void RequireKnownCulture(CultureInfo? culture)
        {
            if (culture == null || culture.Name.Length == 0 || KnownCultures.Value.Contains(culture.Name))
            {
                return;
            }

            throw new SocialToolkitException("UnknownCulture", FailureKind.InvalidArgument,
                $"-Culture '{culture.Name}' is not a culture this system knows. Give a culture name such as fr-FR, en-GB or en-US.", "Culture");
        }

        /// <summary>True for a day after today (UTC): activity and completions cannot have happened yet.</summary>
        public static bool IsInFuture(DateTime day) => day.Date > DateTime.UtcNow.Date;

        private bool IsInvariant => Culture.Name.Length == 0;

        /// <summary>What the user should write, for error messages: "yyyy-MM-dd" or "dd/MM/yyyy or yyyy-MM-dd".</summary>
        public string ExpectedDate => IsInvariant ? "yyyy-MM-dd" : $"{Culture.DateTimeFormat.ShortDatePattern} or yyyy-MM-dd";

        public bool TryParseDate(RawCell cell, out DateTime day)
        {
            if (cell.Date.HasValue)
            {
                day = cell.Date.Value.Date;
                return true;
            }

            // An xlsx date typed as a plain number (format "General") is still an Excel serial date.
            if (cell.Number.HasValue && cell.Number.Value >= 1 && cell.Number.Value < 2958466 && Math.Floor(cell.Number.Value) == cell.Number.Value)
            {
                day = DateTime.FromOADate(cell.Number.Value).Date;
                return true;
            }

            var text = cell.Text.Trim();
            var iso = IsoDate.Match(text);
            if (iso.Success)
            {
                var year = int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture);
                var month = int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture);
                var dayOfMonth = int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture);
                if (year >= 1 && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= DateTime.DaysInMonth(year, month))
                {
                    day = new DateTime(year, month, dayOfMonth);
                    return true;
                }

                day = default;
                return false;
            }

            if (culturePatterns.Length > 0 && DateTime.TryParseExact(text, culturePatterns, Culture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                day = parsed.Date;
                return true;
            }

            day = default;
            return false;
        }

        /// <summary>A whole number, with the culture's digit grouping allowed ("1 234" under fr-FR).</summary>
        public bool TryParseCount(RawCell cell, out int value)
        {
            if (cell.Number.HasValue)
            {
                var number = cell.Number.Value;
                value = (int)number;
                return number >= 0 && number <= int.MaxValue && Math.Floor(number) == number;
            }

            var text = cell.Text.Trim();
            if (text.Length == 0)
            {
                value = 0;
                return true;
            }

            if (int.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, Culture, out value) ||
                int.TryParse(RemoveSpaces(text), NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                return value >= 0;
            }

            return false;
        }

        /// <summary>0–100, from "75", "75%", "75,5 %" or an xlsx percentage cell (0.75 shown as 75%).</summary>
        public bool TryParsePercentage(RawCell cell, out int value)
        {
            double number;
            if (cell.Number.HasValue)
            {
                number = cell.IsPercent ? cell.Number.Value * 100 : cell.Number.Value;
            }
            else
            {
                var text = RemoveSpaces(cell.Text).TrimEnd('%');
                if (!double.TryParse(text, NumberStyles.Float, Culture, out number) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    value = 0;
                    return false;
                }
            }

            value = (int)Math.Round(number, MidpointRounding.AwayFromZero);
            return number >= 0 && number <= 100;
        }

        private static string RemoveSpaces(string text) => new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '\u00A0').ToArray());

        private static string[] DatePatterns(DateTimeFormatInfo format)
        {
            var dates = new List<string> { format.ShortDatePattern };

            // "dd/MM/yyyy" also reads 1/3/2026; ParseExact's single-letter forms accept one or two digits.
            var relaxed = format.ShortDatePattern.Replace("dd", "d").Replace("MM", "M");
            if (!dates.Contains(relaxed))
            {
                dates.Add(relaxed);
            }

            var times = new[] { string.Empty, " HH:mm", " HH:mm:ss", " " + format.ShortTimePattern, " " + format.LongTimePattern, " H:mm", " H:mm:ss" };
            return dates.SelectMany(d => times.Select(t => d + t)).Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
