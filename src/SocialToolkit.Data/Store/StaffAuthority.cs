using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// Which fields of people an HR file owns. HR's system is often the source of truth for departments and
    /// employment dates: after Import-SocialStaff -Source File, the directory sync only fills those fields where
    /// the store has no value, so a daily sync does not undo the HR import. -Source Directory gives them back.
    /// </summary>
    public static class StaffAuthority
    {
        public const string MetadataKey = "staff.file_fields";

        public static PersonFields ReadFileOwned(SocialStore store, DbTransaction? transaction = null)
        {
            using var command = store.Command("SELECT value FROM metadata WHERE key = @key", transaction);
            command.Parameters.AddWithValue("@key", MetadataKey);
            var fields = PersonFields.None;
            foreach (var name in ((command.ExecuteScalar() as string) ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<PersonFields>(name.Trim(), out var field))
                {
                    fields |= field;
                }
            }

            return fields;
        }

        /// <summary>Gives <paramref name="fields"/> to the file (<paramref name="fileWins"/>) or back to the directory.</summary>
        public static void Assign(SocialStore store, PersonFields fields, bool fileWins, DbTransaction transaction)
        {
            var owned = ReadFileOwned(store, transaction);
            owned = fileWins ? owned | fields : owned & ~fields;
            store.SetMetadata(MetadataKey, string.Join(",", Names(owned)), transaction);
        }

        public static IEnumerable<string> Names(PersonFields fields) =>
            Enum.GetValues(typeof(PersonFields)).Cast<PersonFields>()
                .Where(f => f != PersonFields.None && f != PersonFields.All && (fields & f) == f)
                .Select(f => f.ToString());
    }
}
