using System;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>The attributes reports group by.</summary>
    public enum ReportGroupBy
    {
        Department,
        Country,
        Office,
        JobTitle,
    }

    /// <summary>A person as the report calculators see them: an id from the store and the attributes reports use.</summary>
    public sealed class ReportPerson
    {
        public const string NotSet = "(not set)";

        public long Id { get; set; }

        public string UserPrincipalName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string? Department { get; set; }

        public string? Country { get; set; }

        public string? Office { get; set; }

        public string? JobTitle { get; set; }

        /// <summary>The person's manager (user principal name), if known: a team for clustered intervals.</summary>
        public string? Manager { get; set; }

        public bool Enabled { get; set; } = true;

        public DateTime? HireDate { get; set; }

        /// <summary>The first day the person is no longer employed; null while employed or unknown.</summary>
        public DateTime? LeaveDate { get; set; }

        /// <summary>The account kind (<see cref="StaffAccount"/>): only members are staff.</summary>
        public string UserType { get; set; } = StaffAccount.Member;

        /// <summary>The person's value for a grouping attribute; "(not set)" when empty.</summary>
        public string GroupValue(ReportGroupBy groupBy)
        {
            var value = groupBy switch
            {
                ReportGroupBy.Country => Country,
                ReportGroupBy.Office => Office,
                ReportGroupBy.JobTitle => JobTitle,
                _ => Department,
            };
            return string.IsNullOrWhiteSpace(value) ? NotSet : value!.Trim();
        }

        /// <summary>
        /// Staff on <paramref name="day"/>: a member account, hired on or before the day and not yet left. A disabled
        /// account without a leave date is not counted on any day: when it stopped being staff is unknown.
        /// </summary>
        public bool IsStaffOn(DateTime day)
        {
            var stretch = StaffStretch();
            return stretch.HasValue && (stretch.Value.From == null || stretch.Value.From <= day.Date) && (stretch.Value.Until == null || day.Date < stretch.Value.Until);
        }

        /// <summary>
        /// The days <see cref="IsStaffOn"/> is true, as one stretch: from <c>From</c> (null: since ever) to the day before
        /// <c>Until</c> (null: still staff); null when the person is staff on no day. Reports mark a person's staff days
        /// from it at once instead of asking day by day.
        /// </summary>
        public (DateTime? From, DateTime? Until)? StaffStretch()
        {
            if (!StaffAccount.IsStaff(UserType) || (!LeaveDate.HasValue && !Enabled))
            {
                return null;
            }

            return (HireDate?.Date, LeaveDate?.Date);
        }
    }
}
