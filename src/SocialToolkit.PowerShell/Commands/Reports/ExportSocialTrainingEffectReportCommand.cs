using System;
using System.IO;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.PowerShell.Base;
using SocialToolkit.Reports;

namespace SocialToolkit.PowerShell.Commands.Reports
{
    /// <summary>
    /// <para type="synopsis">Writes the training-effect workbook: trained vs never-trained people, before vs after, with a 95% interval.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialTrainingEffectReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TrainingEffectReportInfo))]
    public sealed class ExportSocialTrainingEffectReportCommand : SocialCmdlet
    {
        /// <summary>The workbook to write (.xlsx).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The store to read; by default the default store.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>Days compared before and after each completion.</summary>
        [Parameter]
        [ValidateRange(1, 365)]
        public int WindowDays { get; set; } = 28;

        /// <summary>Counts only these courses (id or title); by default all.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CourseCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Course { get; set; }

        /// <summary>No figure about fewer people than this is shown; 1 turns protection off.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MinimumGroupSize { get; set; } = 5;

        /// <summary>Adds the People sheet with one row per trained person, under a pseudonym.</summary>
        [Parameter]
        public SwitchParameter IncludeIndividuals { get; set; }

        /// <summary>With -IncludeIndividuals: display names instead of pseudonyms.</summary>
        [Parameter]
        public SwitchParameter IncludeNames { get; set; }

        /// <summary>Replaces an existing workbook.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Returns a summary of the written workbook.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path!);
            var storePath = GetUnresolvedProviderPathFromPSPath(StorePath ?? StorePaths.Default());
            if (!ShouldProcess(path, File.Exists(path) ? "Replace with a training-effect report" : "Write a training-effect report"))
            {
                return;
            }

            var request = new TrainingEffectReportRequest
            {
                Path = path,
                StorePath = storePath,
                WindowDays = WindowDays,
                Courses = Course ?? Array.Empty<string>(),
                MinimumGroupSize = MinimumGroupSize,
                IncludeIndividuals = IncludeIndividuals.IsPresent,
                IncludeNames = IncludeNames.IsPresent,
                Force = Force.IsPresent,
            };
            var info = RunEngine("Exporting the training-effect report", (reporter, token) => TrainingEffectReport.Export(request, reporter, token));
            if (PassThru.IsPresent)
            {
                WriteObject(info);
            }
        }
    }
}
