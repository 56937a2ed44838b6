using System;
using System.Collections.Generic;
using System.Linq;
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

        /// <summary>From the store's history: the day a member account was last seen turning into one (it was a guest or resource before); null when the store knows it as a member from the start.</summary>
        public DateTime? MemberFrom { get; set; }

        /// <summary>From the store's history: the first day an account that is no member now was seen as something else after being one; null when it never was one, as far as the store knows.</summary>
        public DateTime? MemberUntil { get; set; }

        /// <summary>From the store's history: the first day a disabled account was seen disabled after being enabled; null when it was never seen enabled.</summary>
        public DateTime? DisabledFrom { get; set; }

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
        /// Staff on <paramref name="day"/>: a member account, hired on or before the day and not yet left. An account that
        /// became a member, stopped being one or was disabled counts on the days the store's history says it was an enabled
        /// member; a disabled account without a leave date or such history is not counted on any day: when it stopped
        /// being staff is unknown.
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
            var member = StaffAccount.IsStaff(UserType);
            if ((!member && !MemberUntil.HasValue) || (!LeaveDate.HasValue && !Enabled && !DisabledFrom.HasValue))
            {
                return null;
            }

            // A member account counts from the day it became one; one that is no longer a member, until it stopped being
            // one; a disabled account without a leave date, until it was seen disabled.
            var from = Later(HireDate?.Date, member ? MemberFrom?.Date : null);
            var until = Earlier(LeaveDate?.Date ?? (Enabled ? null : DisabledFrom?.Date), member ? null : MemberUntil?.Date);
            return from.HasValue && until.HasValue && from.Value >= until.Value ? ((DateTime?, DateTime?)?)null : (from, until);
        }

        /// <summary>
        /// Sets <see cref="MemberFrom"/>, <see cref="MemberUntil"/> and <see cref="DisabledFrom"/> from the store's history of
        /// the account's kind and state (<paramref name="userTypes"/> and <paramref name="enabled"/>: each value with the day
        /// it was first seen, oldest first), given the person's current <see cref="UserType"/> and <see cref="Enabled"/>.
        /// </summary>
        public void ApplyAccountHistory(IReadOnlyList<(DateTime From, string? Value)> userTypes, IReadOnlyList<(DateTime From, bool Enabled)> enabled)
        {
            var member = StaffAccount.IsStaff(UserType);
            var memberRun = CurrentRunStart(userTypes.Select(h => (h.From, StaffAccount.IsStaff(h.Value))).ToList(), member);
            MemberFrom = member ? memberRun : null;
            MemberUntil = member ? null : memberRun;
            DisabledFrom = Enabled ? null : CurrentRunStart(enabled.Select(h => (h.From, h.Enabled)).ToList(), false);
        }

        /// <summary>The first day of the last run of <paramref name="now"/> values, when an other value came before it; else null.</summary>
        private static DateTime? CurrentRunStart(IReadOnlyList<(DateTime From, bool Value)> history, bool now)
        {
            var i = history.Count - 1;
            if (i < 0 || history[i].Value != now)
            {
                return null;
            }

            while (i > 0 && history[i - 1].Value == now)
            {
                i--;
            }

            return i > 0 ? history[i].From.Date : (DateTime?)null;
        }

        private static DateTime? Later(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a.Value > b.Value ? a : b);

        private static DateTime? Earlier(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a.Value < b.Value ? a : b);
    }
}
