using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Store
{
    /// <summary>A data row of an imported file whose person is not in the store.</summary>
    public sealed class UnmatchedRow
    {
        public UnmatchedRow(int row, string value)
        {
            Row = row;
            Value = value;
        }

        /// <summary>The row number as a spreadsheet shows it (the header is row 1).</summary>
        public int Row { get; }

        /// <summary>The user principal name or mail address the row names.</summary>
        public string Value { get; }

        public override string ToString() => $"row {Row}: {Value}";
    }

    /// <summary>What Import-SocialTrainingRecord read and stored.</summary>
    public sealed class TrainingImportSummary
    {
        public string Path { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        /// <summary>The source label the records were stored under.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>Data rows in the file (blank rows are not counted).</summary>
        public int RowsRead { get; set; }

        /// <summary>Training records written to the store (added or updated).</summary>
        public int RowsStored { get; set; }

        /// <summary>Distinct people of the store the file's rows matched.</summary>
        public int PeopleMatched { get; set; }

        /// <summary>Distinct courses among the stored rows.</summary>
        public int Courses { get; set; }

        /// <summary>Rows whose person is not in the store; they were not stored.</summary>
        public IReadOnlyList<UnmatchedRow> UnmatchedRows { get; set; } = Array.Empty<UnmatchedRow>();

        /// <summary>The file's delimiter (CSV) or worksheet (xlsx), and the text encoding found.</summary>
        public string FileFormat { get; set; } = string.Empty;
    }

    /// <summary>What Import-SocialActivity read and stored.</summary>
    public sealed class ActivityImportSummary
    {
        public string Path { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        /// <summary>VivaEngageUserDetail, TeamsUserActivityUserDetail or NetworkExport.</summary>
        public string Kind { get; set; } = string.Empty;

        public string Network { get; set; } = string.Empty;

        public int RowsRead { get; set; }

        /// <summary>Activity rows written (rows with no activity at all are not kept: a covered day without a row means zero).</summary>
        public int RowsStored { get; set; }

        public int PeopleMatched { get; set; }

        /// <summary>Days the import marked as covered for <see cref="Network"/>.</summary>
        public int DaysCovered { get; set; }

        public DateTime? FirstDay { get; set; }

        public DateTime? LastDay { get; set; }

        public IReadOnlyList<UnmatchedRow> UnmatchedRows { get; set; } = Array.Empty<UnmatchedRow>();

        public string FileFormat { get; set; } = string.Empty;
    }

    /// <summary>What Import-SocialStaff read and stored.</summary>
    public sealed class StaffImportSummary
    {
        public string Path { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        /// <summary>File: the file's values win over the directory's; Directory: the file only fills what the directory left empty.</summary>
        public string Source { get; set; } = string.Empty;

        public int RowsRead { get; set; }

        public int PeopleAdded { get; set; }

        public int PeopleUpdated { get; set; }

        /// <summary>Rows naming a person on the store's erasure list; not imported.</summary>
        public int PeopleRefusedErased { get; set; }

        /// <summary>The fields the file maps, the only ones the import writes.</summary>
        public IReadOnlyList<string> Fields { get; set; } = Array.Empty<string>();

        /// <summary>The day the values are recorded as seen from in each person's history.</summary>
        public DateTime SeenOn { get; set; }

        public string FileFormat { get; set; } = string.Empty;
    }
}
