using System;
using System.Collections.Generic;
using System.Linq;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// Finds the person each row names (user principal name or mail, case-insensitive) and keeps the rows whose
    /// person is not in the store, so they are reported rather than silently dropped.
    /// </summary>
    internal sealed class PeopleMatcher
    {
        private readonly PersonDirectory directory;
        private readonly List<UnmatchedRow> unmatched = new List<UnmatchedRow>();
        private readonly HashSet<long> matched = new HashSet<long>();

        public PeopleMatcher(PersonDirectory directory)
        {
            this.directory = directory;
        }

        public IReadOnlyList<UnmatchedRow> Unmatched => unmatched;

        public int PeopleMatched => matched.Count;

        public long? Match(int row, string value)
        {
            var id = directory.Find(value);
            if (id.HasValue)
            {
                matched.Add(id.Value);
            }
            else
            {
                unmatched.Add(new UnmatchedRow(row, value.Trim()));
            }

            return id;
        }

        /// <summary>
        /// With -RequireAllMatched unmatched rows fail the import; otherwise they are announced as a warning and
        /// listed in the summary.
        /// </summary>
        public void Report(string path, string column, bool requireAllMatched, ImportProblems problems, IOperationReporter reporter)
        {
            if (unmatched.Count == 0)
            {
                return;
            }

            var listed = string.Join(", ", unmatched.Take(10).Select(u => $"row {u.Row} ({u.Value})")) + (unmatched.Count > 10 ? $" and {unmatched.Count - 10} more" : string.Empty);
            if (requireAllMatched)
            {
                foreach (var row in unmatched)
                {
                    problems.Add("ImportUnmatchedPeople", row.Row, column, $"no one in the store has the user principal name or mail '{row.Value}' (-RequireAllMatched). Sync or import the people first.");
                }

                return;
            }

            reporter.Warning($"{path}: {unmatched.Count} row(s) name people who are not in the store and were not imported: {listed}. They are listed in the summary's UnmatchedRows; use -RequireAllMatched to make this an error.");
        }

        /// <summary>A key that is the same for two rows naming one person, whether by UPN or by mail.</summary>
        public static string PersonKey(long? id, string value) => id.HasValue ? "#" + id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : value.Trim().ToUpperInvariant();
    }
}
