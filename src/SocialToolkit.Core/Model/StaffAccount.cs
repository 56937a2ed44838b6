using System;

namespace SocialToolkit.Core.Model
{
    /// <summary>
    /// Who counts as staff: members of the organisation, not guests (B2B accounts, <c>#EXT#</c> in their UPN) and not
    /// resource or shared mailboxes. One home for the rule, read by the sync, the imports and every report.
    /// </summary>
    public static class StaffAccount
    {
        public const string Member = "Member";

        public const string Guest = "Guest";

        /// <summary>Rooms, equipment and shared mailboxes: accounts that are not a person.</summary>
        public const string Resource = "Resource";

        /// <summary>The account kind for a directory <c>userType</c> and UPN: a <c>#EXT#</c> UPN is a guest whatever the type says.</summary>
        public static string Classify(string? userType, string userPrincipalName)
        {
            if (userPrincipalName.IndexOf("#EXT#", StringComparison.OrdinalIgnoreCase) >= 0
                || string.Equals(userType, Guest, StringComparison.OrdinalIgnoreCase))
            {
                return Guest;
            }

            return string.Equals(userType, Resource, StringComparison.OrdinalIgnoreCase) ? Resource : Member;
        }

        /// <summary>True for the account kinds that are staff.</summary>
        public static bool IsStaff(string? userType) => string.IsNullOrEmpty(userType) || string.Equals(userType, Member, StringComparison.OrdinalIgnoreCase);
    }
}
