using System;
using System.Globalization;

namespace SocialToolkit.Reports
{
    /// <summary>Timestamps and counts for progress messages and the About sheet, in the invariant culture (report labels are in <see cref="Core.Labels.ReportLabels"/>).</summary>
    internal static class ReportText
    {
        public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

        public static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    }
}
