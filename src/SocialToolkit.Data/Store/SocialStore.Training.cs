using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Store
{
    /// <summary>The fields of a training record an update may change (a new record gets all of them).</summary>
    [Flags]
    public enum TrainingFields
    {
        None = 0,
        CourseTitle = 1,
        Provider = 2,
        Status = 4,
        AssignedDate = 8,
        CompletedDate = 16,
        CompletionPercentage = 32,
        All = 63,
    }

    public sealed partial class SocialStore
    {
        /// <summary>
        /// Adds or updates training records (one per person, course and source), inside the caller's transaction.
        /// Returns how many rows were written.
        /// </summary>
        public int UpsertTraining(IEnumerable<(long PersonId, TrainingRecord Record)> records, DbTransaction transaction) =>
            UpsertTraining(records, TrainingFields.All, transaction);

        /// <summary>
        /// Adds or updates training records; an existing record gets only <paramref name="update"/>, so a file that
        /// does not have a column never erases what the store knows of it.
        /// </summary>
        public int UpsertTraining(IEnumerable<(long PersonId, TrainingRecord Record)> records, TrainingFields update, DbTransaction transaction)
        {
            string Set(TrainingFields field, string column) => (update & field) != 0 ? $"{column} = excluded.{column}" : $"{column} = training.{column}";
            using var upsert = Command(@"INSERT INTO training (person_id, course_id, course_title, provider, status, assigned_date, completed_date, completion_percentage, source)
VALUES (@person, @course, @title, @provider, @status, @assigned, @completed, @percentage, @source)
ON CONFLICT (person_id, course_id, source) DO UPDATE SET " + string.Join(", ",
                Set(TrainingFields.CourseTitle, "course_title"),
                Set(TrainingFields.Provider, "provider"),
                Set(TrainingFields.Status, "status"),
                Set(TrainingFields.AssignedDate, "assigned_date"),
                Set(TrainingFields.CompletedDate, "completed_date"),
                Set(TrainingFields.CompletionPercentage, "completion_percentage")), transaction);
            var p = upsert.Parameters;
            var person = p.Add("@person", DbType.Int64);
            var course = p.Add("@course", DbType.String);
            var title = p.Add("@title", DbType.String);
            var provider = p.Add("@provider", DbType.String);
            var status = p.Add("@status", DbType.String);
            var assigned = p.Add("@assigned", DbType.String);
            var completed = p.Add("@completed", DbType.String);
            var percentage = p.Add("@percentage", DbType.Int64);
            var source = p.Add("@source", DbType.String);
            upsert.Prepare();

            var written = 0;
            foreach (var (personId, record) in records)
            {
                person.Value = personId;
                course.Value = record.CourseId;
                title.Value = string.IsNullOrEmpty(record.CourseTitle) ? record.CourseId : record.CourseTitle;
                provider.Value = DbText(record.Provider);
                status.Value = record.Status.ToString();
                assigned.Value = DbDate(record.AssignedDate);
                completed.Value = DbDate(record.CompletedDate);
                percentage.Value = record.CompletionPercentage.HasValue ? record.CompletionPercentage.Value : (object)DBNull.Value;
                source.Value = record.Source;
                written += upsert.ExecuteNonQuery();
            }

            return written;
        }

        /// <summary>Every training record, with the person's UPN.</summary>
        public IReadOnlyList<TrainingRecord> ReadTraining()
        {
            var records = new List<TrainingRecord>();
            using var command = Command(@"SELECT p.upn, t.course_id, t.course_title, t.provider, t.status, t.assigned_date, t.completed_date, t.completion_percentage, t.source
FROM training t JOIN person p ON p.id = t.person_id ORDER BY t.course_id, p.upn");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records.Add(new TrainingRecord
                {
                    UserPrincipalName = reader.GetString(0),
                    CourseId = reader.GetString(1),
                    CourseTitle = reader.GetString(2),
                    Provider = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Status = (TrainingStatus)Enum.Parse(typeof(TrainingStatus), reader.GetString(4)),
                    AssignedDate = reader.IsDBNull(5) ? (DateTime?)null : ParseDate(reader.GetString(5)),
                    CompletedDate = reader.IsDBNull(6) ? (DateTime?)null : ParseDate(reader.GetString(6)),
                    CompletionPercentage = reader.IsDBNull(7) ? (int?)null : reader.GetInt32(7),
                    Source = reader.GetString(8),
                });
            }

            return records;
        }
    }
}
