using System;
using System.Globalization;

namespace SocialToolkit.Reports
{
    /// <summary>Text the reports show, always in the invariant culture (a report made in Paris reads like one made in Boston).</summary>
    internal static class ReportText
    {
        public const string HeadcountDefinition = "Enabled people in the store, within the report's scope, employed at the end of the period.";
        public const string ActiveDefinition = "Active contributor: at least one post or reply on any counted network during the period.";
        public const string EngagedDefinition = "Engaged: any activity at all (post, reply, reaction, read or share) during the period.";
        public const string RateDefinition = "Participation rate = active contributors / headcount. Posts per head = posts / headcount.";

        public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

        public static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

        public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

        public static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

        public static string Privacy(int minimum, bool individuals, bool names) =>
            (minimum <= 1
                ? "Minimum group size 1: small-group protection is OFF, figures about single people are shown."
                : $"Minimum group size {minimum}: no figure about fewer than {minimum} people is shown. When one group is hidden, the next smallest is hidden too, so that no hidden figure can be worked out by subtracting shown figures from a total; such rows say so in their Note.")
            + " " + (!individuals
                ? "No individual rows (they are only written with -IncludeIndividuals)."
                : names
                    ? "The People sheet names individuals (-IncludeNames): handle this workbook as personal data."
                    : "The People sheet lists individuals under pseudonyms (a keyed hash kept in the store; stable from one report to the next). Departments smaller than the minimum are not named there. It is still personal data.");
    }
}
