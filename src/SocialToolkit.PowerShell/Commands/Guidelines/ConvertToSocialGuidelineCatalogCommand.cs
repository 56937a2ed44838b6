using System.Management.Automation;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Converts the guidelines workbook that communication teams edit in Excel into a catalog JSON file.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "SocialGuidelineCatalog", SupportsShouldProcess = true, HelpUri = HelpLinks.Cmdlets + "ConvertTo-SocialGuidelineCatalog.md")]
    [OutputType(typeof(GuidelineCatalogSummary))]
    public sealed class ConvertToSocialGuidelineCatalogCommand : SocialCmdlet
    {
        /// <summary>The guidelines workbook (.xlsx) with the sheets Snippets, Categories, Placeholders and About.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The catalog file to write (JSON).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>Replaces an existing catalog file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var output = ResolveOutputFile(OutputPath!, "OutputPath");
            var workbook = ResolveInputFile(Path!, "Path");
            if (workbook == null)
            {
                return;
            }

            if (!ShouldProcess(output, $"Write the guideline catalog converted from '{workbook}'"))
            {
                return;
            }

            var overwrite = Force.IsPresent;
            // A workbook that does not convert is an error about that workbook; its target lists every problem.
            if (TryRunEngine("Converting guidelines workbook", null, (reporter, token) =>
                GuidelineCatalogService.ConvertWorkbook(workbook, output, overwrite, reporter), out var summary))
            {
                WriteObject(summary);
            }
        }
    }
}
