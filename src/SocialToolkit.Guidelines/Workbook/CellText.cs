using System;
using System.Globalization;
using ClosedXML.Excel;

namespace SocialToolkit.Guidelines.Workbook
{
    /// <summary>
    /// A cell's content as text, the same on every machine. Text cells give their string as stored; a value
    /// Excel typed as a number, date or boolean is spelt invariantly (ClosedXML's own conversions follow the
    /// current culture, and GetFormattedString is broken in 0.95.4). Formula cells give their cached result,
    /// never a recalculation.
    /// </summary>
    internal static class CellText
    {
        public static string Read(IXLCell cell)
        {
            if (cell.HasFormula)
            {
                return Format(cell.CachedValue);
            }

            switch (cell.DataType)
            {
                case XLDataType.Text:
                    return cell.GetString();
                case XLDataType.Number:
                    return Format(cell.GetDouble());
                case XLDataType.Boolean:
                    return cell.GetBoolean() ? "TRUE" : "FALSE";
                case XLDataType.DateTime:
                    return Format(cell.GetDateTime());
                case XLDataType.TimeSpan:
                    return cell.GetTimeSpan().ToString("c", CultureInfo.InvariantCulture);
                default:
                    return cell.GetString();
            }
        }

        private static string Format(object? value) => value switch
        {
            null => string.Empty,
            string text => text,
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            bool flag => flag ? "TRUE" : "FALSE",
            DateTime date => date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
