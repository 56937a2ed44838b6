using System;

namespace SocialToolkit.Core.Model
{
    /// <summary>A member of staff, as read from the directory or a file.</summary>
    public sealed class Person
    {
        /// <summary>Directory object id (or a synthetic id in a sample store).</summary>
        public string Id { get; set; } = string.Empty;

        public string UserPrincipalName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string? Mail { get; set; }

        public string? Department { get; set; }

        public string? JobTitle { get; set; }

        public string? OfficeLocation { get; set; }

        public string? Country { get; set; }

        public string? ManagerId { get; set; }

        public string? ManagerUserPrincipalName { get; set; }

        public DateTime? HireDate { get; set; }

        /// <summary>The first day the person is no longer employed (Graph <c>employeeLeaveDateTime</c>, or an HR export).</summary>
        public DateTime? LeaveDate { get; set; }

        /// <summary>The directory's account kind: <see cref="StaffAccount.Member"/>, <see cref="StaffAccount.Guest"/> or <see cref="StaffAccount.Resource"/>.</summary>
        public string UserType { get; set; } = StaffAccount.Member;

        public bool Enabled { get; set; } = true;

        /// <summary>The last day the person was seen active anywhere (from activity), if known.</summary>
        public DateTime? LastSeen { get; set; }

        public override string ToString() => UserPrincipalName;
    }
}
