using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>What the import cmdlets share: the file, the store and how to read the file.</summary>
    public abstract class ImportFileCommand : StoreCommand
    {
        /// <summary>The CSV or xlsx files; wildcards are allowed. Each file is its own all-or-nothing import.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The files, taken as written (no wildcards). Files from Get-ChildItem bind here through the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>The store; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>The culture of the file's dates and numbers, e.g. fr-FR for 31/12/2026. Default: ISO dates (2026-12-31) only.</summary>
        [Parameter]
        public CultureInfo? Culture { get; set; }

        /// <summary>The CSV delimiter; detected from the header line when left out.</summary>
        [Parameter]
        [ValidateSet(",", ";", "\t", "|")]
        public string? Delimiter { get; set; }

        /// <summary>Fails the import when any row names a person who is not in the store.</summary>
        [Parameter]
        public SwitchParameter RequireAllMatched { get; set; }

        protected override void BeginProcessing()
        {
            // Only what the command line gives is bound here; from the pipeline, a file from Get-ChildItem binds
            // both (its PSPath to -LiteralPath, itself as text to -Path) and -LiteralPath, the exact one, is used.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Path)) && MyInvocation.BoundParameters.ContainsKey(nameof(LiteralPath)))
            {
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException(
                    "PathAndLiteralPath", FailureKind.InvalidArgument, "Give -Path or -LiteralPath, not both.", "LiteralPath")));
            }

            base.BeginProcessing();
        }

        /// <summary>
        /// The files this pipeline input names, resolved on the pipeline thread; a path that names no file has
        /// already been reported as a non-terminating error. -Path and -LiteralPath are not in parameter sets (the
        /// imports have their own), so the choice is checked here and in BeginProcessing.
        /// </summary>
        protected IReadOnlyList<string> ResolveFiles()
        {
            if (Path == null && LiteralPath == null)
            {
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException(
                    "PathMissing", FailureKind.InvalidArgument, "Give the files to import with -Path or -LiteralPath, or pipe them from Get-ChildItem.", "Path")));
            }

            return LiteralPath != null ? ResolveInputFiles(LiteralPath, literal: true, "LiteralPath") : ResolveInputFiles(Path!, literal: false, "Path");
        }

        /// <summary>
        /// Imports each file of the pipeline input on its own, all or nothing: read and checked (the plan), approved
        /// once (ShouldProcess with the plan's description), then stored. A file that fails is a non-terminating error
        /// about that file, and the next file is imported. Each cmdlet builds its own engine options in
        /// <paramref name="prepare"/>: this base class cannot name engine types, which load in the module's private
        /// context after PowerShell has loaded the cmdlets (a base-class member typed with one fails Import-Module).
        /// </summary>
        protected void ImportEachFile<TPlan, TSummary>(
            StoreLocation store,
            string activity,
            Func<string, IOperationReporter, CancellationToken, TPlan> prepare,
            Func<TPlan, string> describe,
            Func<TPlan, IOperationReporter, CancellationToken, TSummary> apply,
            Action<TPlan, TSummary> write)
        {
            foreach (var file in ResolveFiles())
            {
                if (TryRunEngine(activity, file, (reporter, token) => prepare(file, reporter, token), out var plan)
                    && ShouldProcess(store.Display, describe(plan))
                    && TryRunEngine(activity, file, (reporter, token) => apply(plan, reporter, token), out var summary))
                {
                    write(plan, summary);
                }
            }
        }

        /// <summary>The store the files go to (-StoreConnection, -StorePath or the default one); null after a non-terminating error.</summary>
        protected StoreLocation? ResolveStore(StoreUse use = StoreUse.Read) => ResolveStore(StorePath, use);

        /// <summary>The delimiter as a character; null to detect it.</summary>
        protected char? DelimiterCharacter => string.IsNullOrEmpty(Delimiter) ? (char?)null : Delimiter![0];
    }
}
