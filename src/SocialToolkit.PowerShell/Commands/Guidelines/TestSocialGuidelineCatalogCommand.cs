using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Checks a guideline catalog and writes one object per problem; nothing when it is valid.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SocialGuidelineCatalog", HelpUri = HelpLinks.Cmdlets + "Test-SocialGuidelineCatalog.md")]
    [OutputType(typeof(GuidelineCatalogProblem))]
    [OutputType(typeof(bool))]
    public sealed class TestSocialGuidelineCatalogCommand : SocialCmdlet
    {
        /// <summary>The catalog files (default: the catalog shipped with the module); wildcards are allowed. Accepts paths from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [Alias("CatalogPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The catalog files, taken as written (no wildcards). Files from Get-ChildItem bind here through the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Returns $true when the catalog has no error (warnings allowed), $false otherwise, instead of the problems.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            var literal = LiteralPath != null;
            var paths = LiteralPath ?? Path;
            if (paths == null)
            {
                Check(GuidelineLocations.DefaultCatalogPath);
                return;
            }

            var parameterName = literal ? nameof(LiteralPath) : nameof(Path);
            foreach (var path in paths)
            {
                // -Quiet answers $true or $false for every path it is given, as Test-Path does: a missing file is $false.
                if (Quiet && (literal || !WildcardPattern.ContainsWildcardCharacters(path)))
                {
                    string full;
                    try
                    {
                        full = ToFileSystemPath(path, parameterName);
                    }
                    catch (SocialToolkitException unusable)
                    {
                        WriteVerbose(unusable.Message);
                        WriteObject(false);
                        continue;
                    }

                    Check(full);
                    continue;
                }

                foreach (var file in ResolveInputFiles(new[] { path }, literal, parameterName, CatalogNotFound))
                {
                    Check(file);
                }
            }
        }

        private void Check(string path)
        {
            var outcome = RunEngine("Checking guideline catalog", (reporter, token) =>
            {
                try
                {
                    return Tuple.Create<IReadOnlyList<GuidelineCatalogProblem>?, SocialToolkitException?>(GuidelineCatalogService.Validate(path), null);
                }
                catch (SocialToolkitException unreadable)
                {
                    return Tuple.Create<IReadOnlyList<GuidelineCatalogProblem>?, SocialToolkitException?>(null, unreadable);
                }
            });

            var problems = outcome.Item1;
            if (Quiet)
            {
                if (outcome.Item2 != null)
                {
                    WriteVerbose(outcome.Item2.Message);
                }

                WriteObject(problems != null && problems.All(p => p.Severity != GuidelineProblemSeverity.Error));
                return;
            }

            // A file that is not a catalog at all stops this file only, so a pipeline of files goes on.
            if (outcome.Item2 != null)
            {
                WriteError(ToErrorRecord(outcome.Item2));
                return;
            }

            WriteVerbose(problems!.Count == 0 ? $"'{path}' is a valid guideline catalog." : $"'{path}': {problems.Count} problem(s).");
            foreach (var problem in problems)
            {
                WriteObject(problem);
            }
        }
    }
}
