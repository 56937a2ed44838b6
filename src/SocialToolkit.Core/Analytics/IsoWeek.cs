using System;
using System.Globalization;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>ISO 8601 weeks (Monday first, week 1 holds the year's first Thursday), independent of any culture.</summary>
    public static class IsoWeek
    {
        public static DateTime StartOf(DateTime day)
        {
            var date = day.Date;
            return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        }

        /// <summary>The week's label, e.g. 2026-W47.</summary>
        public static string Label(DateTime day)
        {
            var thursday = StartOf(day).AddDays(3);
            var week = (thursday.DayOfYear - 1) / 7 + 1;
            return thursday.Year.ToString("D4", CultureInfo.InvariantCulture) + "-W" + week.ToString("D2", CultureInfo.InvariantCulture);
        }
    }
}
