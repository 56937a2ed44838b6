using System.IO;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Reports
{
    /// <summary>Checks shared by the report exports.</summary>
    internal static class ReportChecks
    {
        public const int MaximumGroupSize = 1000;

        public static void Options(int minimumGroupSize, bool individuals, bool names, IOperationReporter reporter)
        {
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
            if (!File.Exists(Path.GetFullPath(path)))
            {
                throw new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"No store at {Path.GetFullPath(path)}. Create one with Sync-SocialData, Import-Social* or New-SocialSampleStore, or give -StorePath.", path);
            }

            var store = SocialStore.Open(path, createIfMissing: false);

            // Reports scan most of the activity table: memory-mapped reads and a larger page cache halve the scan time.
            using (var pragma = store.Command("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;"))
            {
                pragma.ExecuteNonQuery();
            }

            return store;
        }
    }
}
