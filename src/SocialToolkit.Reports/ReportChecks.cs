using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Files;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Reports
{
    /// <summary>Checks shared by the report exports.</summary>
    internal static class ReportChecks
    {
        public static void Options(ReportRequest request, IOperationReporter reporter)
        {
            var minimumGroupSize = request.MinimumGroupSize;
            var individuals = request.IncludeIndividuals;
            var names = request.IncludeNames;
            if (minimumGroupSize < 1 || minimumGroupSize > ReportRequest.MaximumGroupSize)
            {
                throw new SocialToolkitException("InvalidMinimumGroupSize", FailureKind.InvalidArgument, $"-MinimumGroupSize must be between 1 and {ReportRequest.MaximumGroupSize} (got {minimumGroupSize}).", "MinimumGroupSize");
            }

            if (names && !individuals)
            {
                throw new SocialToolkitException("IncludeNamesWithoutIndividuals", FailureKind.InvalidArgument, "-IncludeNames only applies to the individual rows: add -IncludeIndividuals, or leave -IncludeNames out.", "IncludeNames");
            }

            if (request.LinkPseudonyms && (!individuals || names))
            {
                throw new SocialToolkitException("LinkPseudonymsWithoutPseudonyms", FailureKind.InvalidArgument, "-LinkPseudonyms only applies to pseudonymised individual rows: add -IncludeIndividuals (without -IncludeNames), or leave -LinkPseudonyms out.", "LinkPseudonyms");
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
                if (request.LinkPseudonyms)
                {
                    reporter.Warning("-LinkPseudonyms: the pseudonyms are the same in every workbook written with it, so their rows can be joined across workbooks.");
                }
            }
        }

        /// <summary>The output file of a report: workbooks with individual rows are owner-only.</summary>
        public static OutputFile PrepareFile(ReportRequest request) =>
            OutputFile.Prepare(request.Path, request.Force, ownerOnly: request.IncludeIndividuals, "-Path", ".xlsx");

        /// <summary>
        /// The pseudonymiser for a workbook with pseudonymised rows: a fresh key for this workbook only (its rows join no other
        /// workbook's), or the store's key with -LinkPseudonyms. Null when the rows carry names or there are no rows.
        /// </summary>
        public static Pseudonymiser? Pseudonyms(ReportRequest request, SocialStore store) =>
            !request.IncludeIndividuals || request.IncludeNames
                ? null
                : new Pseudonymiser(request.LinkPseudonyms ? store.GetOrCreatePseudonymKey() : Pseudonymiser.NewKey());

        public static SocialStore OpenStore(StoreLocation path)
        {
            var store = SocialStore.Open(path, createIfMissing: false);
            store.PrepareForScan();
            return store;
        }

        /// <summary>The people (with the <paramref name="details"/> the report uses) and the coverage every report starts from; a store without either is an error.</summary>
        public static (IReadOnlyList<ReportPerson> People, StoreCoverage Coverage) ReadPeopleAndCoverage(SocialStore store, ReportPersonDetails details)
        {
            var (coverage, _) = ReadCoverage(store);
            return (ReadPeople(store, details), coverage);
        }

        /// <summary>
        /// The coverage and how many people the store holds, before the people themselves (a report can make room for them
        /// first); a store without either is an error.
        /// </summary>
        public static (StoreCoverage Coverage, int People) ReadCoverage(SocialStore store)
        {
            var coverage = new StoreCoverage(store.ReadCoverage());
            var people = store.PersonIdRange().Count;
            if (people == 0 || coverage.IsEmpty)
            {
                throw new SocialToolkitException("StoreEmpty", FailureKind.InvalidData, $"The store {store.Path} holds {(people == 0 ? "no people yet. Add them with Sync-SocialData (staff from Microsoft Graph)" : "no activity yet. Add it with Sync-SocialData (from Microsoft Graph) or Import-SocialActivity (from exports)")}. To try the reports first, make a sample store with New-SocialSampleStore and give its path to -StorePath.", store.Path);
            }

            return (coverage, people);
        }

        /// <summary>Everyone, in id order; on a store with a parallel reader, the two halves of the id range at once.</summary>
        public static IReadOnlyList<ReportPerson> ReadPeople(SocialStore store, ReportPersonDetails details)
        {
            var (first, last, _) = store.PersonIdRange();
            var (lower, upper) = ReadInHalves(store, first + ((last - first) / 2) + 1, (source, from, to) => source.ReadReportPeople(from, to, details));
            return upper == null ? lower : lower.Concat(upper).ToList();
        }

        /// <summary>
        /// Reads the people whose id is below <paramref name="middle"/> on the store and the others on its
        /// <see cref="SocialStore.ParallelReader"/> at once (the same state of the store, on another core), or everyone on
        /// the store when it has none (then the upper half is null). <paramref name="read"/> gets the store to read and the
        /// first and last person id (inclusive).
        /// </summary>
        public static (T Lower, T? Upper) ReadInHalves<T>(SocialStore store, long middle, Func<SocialStore, long, long, T> read)
            where T : class
        {
            var parallel = store.ParallelReader;
            if (parallel == null)
            {
                return (read(store, long.MinValue, long.MaxValue), null);
            }

            var upper = Task.Run(() => read(parallel, middle, long.MaxValue));
            T lower;
            try
            {
                lower = read(store, long.MinValue, middle - 1);
            }
            finally
            {
                // Never leave the other half running, whatever happened here; its own failure is raised below.
                try
                {
                    upper.Wait();
                }
                catch (AggregateException)
                {
                }
            }

            return (lower, upper.GetAwaiter().GetResult());
        }
    }
}
