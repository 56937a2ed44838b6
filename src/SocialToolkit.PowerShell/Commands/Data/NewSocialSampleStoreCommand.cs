using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using SocialToolkit.Core.Files;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Sample;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Creates a store holding a synthetic organisation, so reports can be tried without a tenant.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SocialSampleStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets + "New-SocialSampleStore.md")]
    [OutputType(typeof(SampleStoreInfo))]
    public sealed class NewSocialSampleStoreCommand : StoreCommand
    {
        /// <summary>Path of the store file to create; by default the default store.</summary>
        [Parameter(Position = 0)]
        [Alias("StorePath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Number of people.</summary>
        [Parameter]
        [ValidateRange(1, SampleStoreGenerator.MaximumEmployees)]
        public int Employees { get; set; } = 500;

        /// <summary>Number of days of activity, ending at -EndDate.</summary>
        [Parameter]
        [ValidateRange(7, SampleStoreGenerator.MaximumDays)]
        public int Days { get; set; } = 180;

        /// <summary>The last day of activity; yesterday by default.</summary>
        [Parameter]
        public DateTime? EndDate { get; set; }

        /// <summary>Seed of the generator: the same seed gives the same organisation.</summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        /// <summary>Ground truth: extra active days per week after completing a course.</summary>
        [Parameter]
        [ValidateRange(0.0, SampleStoreGenerator.MaximumUplift)]
        public double TrainingUplift { get; set; } = 0.6;

        /// <summary>
        /// The trap for a training-effect report the organisation sets: Default, NoEffect, PreTrend, Anticipation, Staggered,
        /// DepartmentRollout, MandatoryCourse or Joiners. The truth is written into the store's metadata.
        /// </summary>
        [Parameter]
        public SampleScenario Scenario { get; set; } = SampleScenario.Default;

        /// <summary>Replaces an existing store file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private SampleStoreOptions Options => new SampleStoreOptions { Employees = Employees, Days = Days, EndDate = EndDate, Seed = Seed, TrainingUplift = TrainingUplift, Scenario = Scenario };

        protected override void ProcessRecord()
        {
            if (StoreConnection != null || (Path == null && StoreLocation.LooksLikeServer(Environment.GetEnvironmentVariable(StorePaths.EnvironmentVariable))))
            {
                FillServerStore();
                return;
            }

            var path = GetUnresolvedProviderPathFromPSPath(Path ?? StorePaths.Default());
            var exists = File.Exists(path);
            var action = string.Format(CultureInfo.InvariantCulture, "{0} a sample store ({3} scenario) with {1} people and {2} days of activity", exists ? "Replace it with" : "Create", Employees, Days, Scenario);
            if (!ShouldProcess(path, action))
            {
                return;
            }

            if (Path == null)
            {
                // The default store's folder is the toolkit's own, made on first use; a folder given in -Path must exist.
                var folder = System.IO.Path.GetDirectoryName(path)!;
                if (!Directory.Exists(folder))
                {
                    try
                    {
                        Directory.CreateDirectory(folder);
                        OwnerOnlyPermissions.Apply(folder, isDirectory: true);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        ThrowTerminatingError(ToErrorRecord(new SocialToolkitException(OutputFile.ErrorIds.NotWritable, FailureKind.PermissionDenied, $"Cannot create the store's folder {folder}: {e.Message}", folder, e), folder));
                    }
                    catch (SocialToolkitException failure)
                    {
                        ThrowTerminatingError(ToErrorRecord(failure, folder));
                    }
                }
            }

            var options = Options;
            var force = Force.IsPresent;
            var info = RunEngine("Creating a sample store", (reporter, token) => SampleStoreGenerator.Create(path, options, force, reporter, token));
            WriteObject(info);
        }

        /// <summary>
        /// A sample organisation in an empty server store, to try the shared setup before real data arrives. A
        /// server store is never replaced: -Force applies to files only.
        /// </summary>
        private void FillServerStore()
        {
            if (Force.IsPresent)
            {
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException("ForceNeedsFile", FailureKind.InvalidArgument,
                    "-Force replaces a store file; a PostgreSQL store is never replaced by a sample. Give an empty database set up by Initialize-SocialStore.", "Force")));
            }

            var store = ResolveStore(null, StoreUse.Require)!;
            var action = string.Format(CultureInfo.InvariantCulture, "Fill the empty store with a sample organisation ({2} scenario) of {0} people and {1} days of activity", Employees, Days, Scenario);
            if (!ShouldProcess(store.Display, action))
            {
                return;
            }

            var options = Options;
            WriteObject(RunEngine("Creating a sample store", (reporter, token) => SampleStoreGenerator.Fill(store, options, reporter, token)));
        }
    }
}
