using System;
using System.Globalization;
using System.Management.Automation;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// Lets -OlderThan take a date or a number of days: 365 means "before the day 365 days ago". A TimeSpan works too.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class RetentionCutoffTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case DateTime date:
                    return date.Date;
                case DateTimeOffset offset:
                    return offset.Date;
                case TimeSpan span:
                    return DateTime.Today - span.Duration();
                case int _:
                case long _:
                case short _:
                case byte _:
                case double _:
                case decimal _:
                case float _:
                    return DaysAgo(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case string text:
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days))
                    {
                        return DaysAgo(days);
                    }

                    if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
                    {
                        return parsed.Date;
                    }

                    throw new ArgumentTransformationMetadataException($"'{text}' is neither a date (yyyy-MM-dd) nor a number of days.");
                default:
                    return inputData;
            }
        }

        private static DateTime DaysAgo(double days)
        {
            if (days < 0 || days > 36500 || Math.Floor(days) != days)
            {
                throw new ArgumentTransformationMetadataException($"{days.ToString(CultureInfo.InvariantCulture)} is not a whole number of days between 0 and 36500.");
            }

            return DateTime.Today.AddDays(-days);
        }
    }
}
