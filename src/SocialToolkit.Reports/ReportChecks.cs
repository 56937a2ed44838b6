using System.Collections.Generic;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Reports
{
    /// <summary>Checks shared by the report exports.</summary>
    internal static class ReportChecks
    {
        public const int MaximumGroupSize = 1000;

        public static void Options(ReportRequest request, IOperationReporter reporter)
        {
            var minimumGroupSize = request.MinimumGroupSize;
            var individuals = request.IncludeIndividuals;
            var names = request.IncludeNames;
            if (minimumGroupSize < 1 || minimumGroupSize > MaximumGroupSize)
            {
                throw new SocialToolkitException("InvalidMinimumGroupSize", FailureKind.InvalidArgument, $"-MinimumGroupSize must be between 1 and {MaximumGroupSize} (got {minimumGroupSize}).", "MinimumGroupSize");
            }

            if (names && !individuals)
            {
                throw new SocialToolkitException("IncludeNamesWithoutIndividuals", FailureKind.InvalidArgument, "-IncludeNames only applies to the individual rows: add -IncludeIndividuals, or leave -IncludeNames out.", "IncludeNames");
            }

            if (minimumGroupSize == 1)
            {
                reporter.Warning("-MinimumGroupSize 1 turns small-group protection off: figures about a single person will be shown.");
            }

            if (individuals)
            {
                reporter.Warning(names
                    ? "The People sheet will name individuals: the workbook is personal data; share it only with people entitled to it."
                    : "The People sheet will list individuals under pseudonyms: the workbook is still personal data; share it only with people entitled to it.");
            }
        }

        public static SocialStore OpenStore(string path)
        {
            var store = SocialStore.Open(path, createIfMissing: false);

            // Reports scan most of the activity table: memory-mapped reads and a larger page cache halve the scan time.
            using (var pragma = store.Command("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;"))
            {
                pragma.ExecuteNonQuery();
            }

            return store;
        }

        /// <summary>The people and the coverage every report starts from; a store without either is an error.</summary>
        public static (IReadOnlyList<ReportPerson> People, StoreCoverage Coverage) ReadPeopleAndCoverage(SocialStore store)
        {
            var people = store.ReadReportPeople();
            var coverage = new StoreCoverage(store.ReadCoverage());
            if (people.Count == 0 || coverage.IsEmpty)
            {
                throw new SocialToolkitException("StoreEmpty", FailureKind.InvalidData, $"The store {store.Path} holds {(people.Count == 0 ? "no people yet. Add them with Sync-SocialData (staff from Microsoft Graph)" : "no activity yet. Add it with Sync-SocialData (from Microsoft Graph) or Import-SocialActivity (from exports)")}. To try the reports first, make a sample store with New-SocialSampleStore and give its path to -StorePath.", store.Path);
            }

            return (people, coverage);
        }
    }
}
