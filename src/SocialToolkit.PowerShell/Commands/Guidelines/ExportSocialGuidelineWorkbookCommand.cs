using System.IO;
using System.Management.Automation;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Exports a guideline catalog to an Excel workbook for editing; ConvertTo-SocialGuidelineCatalog reads it back.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialGuidelineWorkbook", SupportsShouldProcess = true, HelpUri = HelpLinks.Cmdlets + "Export-SocialGuidelineWorkbook.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportSocialGuidelineWorkbookCommand : SocialCmdlet
    {
        /// <summary>The catalog file (default: the catalog shipped with the module).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CatalogPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The workbook to write (.xlsx).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>Replaces an existing workbook.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var catalog = ResolveCatalogPath(Path);
            var output = ResolveOutputFile(OutputPath!, "OutputPath");
            if (catalog == null)
            {
                return;
            }

            if (!ShouldProcess(output, $"Write the guidelines workbook of '{catalog}'"))
            {
                return;
            }

            var overwrite = Force.IsPresent;
            if (TryRunEngine("Exporting guidelines workbook", null, (reporter, token) =>
                GuidelineCatalogService.ExportWorkbook(catalog, output, overwrite, reporter), out var file))
            {
                WriteFileItem(file.FullName);
            }
        }
    }
}
