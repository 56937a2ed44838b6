using System;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.PowerShell.Base;
using SocialToolkit.Reports;

namespace SocialToolkit.PowerShell.Commands.Reports
{
    /// <summary>
    /// <para type="synopsis">Writes the training-effect workbook: trained vs never-trained people, before vs after, with a 95% interval.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialTrainingEffectReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets + "Export-SocialTrainingEffectReport.md")]
    [OutputType(typeof(TrainingEffectReportInfo))]
    public sealed class ExportSocialTrainingEffectReportCommand : ExportReportCommand
    {
        /// <summary>Days compared before and after each completion.</summary>
        [Parameter]
        [ValidateRange(1, 365)]
        public int WindowDays { get; set; } = 28;

        /// <summary>Counts only these courses (id or title); by default all.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CourseCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Course { get; set; }

        protected override void ProcessRecord() =>
            ExportReport("training-effect report", (path, storePath, reporter, token) => TrainingEffectReport.Export(
                new TrainingEffectReportRequest
                {
                    Path = path,
                    StorePath = storePath,
                    WindowDays = WindowDays,
                    Courses = Course ?? Array.Empty<string>(),
                    MinimumGroupSize = MinimumGroupSize,
                    IncludeIndividuals = IncludeIndividuals.IsPresent,
                    IncludeNames = IncludeNames.IsPresent,
                    Force = Force.IsPresent,
                },
                reporter,
                token));
    }
}
