using System;
using System.Globalization;

namespace SocialToolkit.Reports
{
    /// <summary>Text the training report shows and progress messages, in the invariant culture (the participation report's labels are in <see cref="Labels.ReportLabels"/>).</summary>
    internal static class ReportText
    {
        public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

        public static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

        public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

        public static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

        public static string Privacy(int minimum, bool individuals, bool names, bool linked) =>
            (minimum <= 1
                ? "Minimum group size 1: small-group protection is OFF, figures about single people are shown."
                : $"Minimum group size {minimum}: no figure about fewer than {minimum} people is shown. When one group is hidden, the next smallest is hidden too, so that no hidden figure can be worked out by subtracting shown figures from a total; such rows say so in their Note.")
            + " " + (!individuals
                ? "No individual rows (they are only written with -IncludeIndividuals)."
                : names
                    ? "The People sheet names individuals (-IncludeNames): handle this workbook as personal data."
                    : linked
                        ? "The People sheet lists individuals under pseudonyms kept in the store (-LinkPseudonyms): the same in every linked workbook. It is still personal data; the file is readable by its owner only."
                        : "The People sheet lists individuals under pseudonyms keyed for this workbook only: they match no other workbook's. It is still personal data; the file is readable by its owner only.");
    }
}
