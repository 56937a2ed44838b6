using System.Management.Automation;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Guidelines.Addin;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Prepares the Outlook add-in for the organisation's web server: task pane, catalog and manifests pointing at -BaseUrl.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialOutlookAddin", SupportsShouldProcess = true, HelpUri = HelpLinks.Cmdlets + "Export-SocialOutlookAddin.md")]
    [OutputType(typeof(OutlookAddinPackage))]
    public sealed class ExportSocialOutlookAddinCommand : SocialCmdlet
    {
        /// <summary>The https address the folder will be served from, e.g. https://addins.contoso.com/social/.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? BaseUrl { get; set; }

        /// <summary>The folder to create; it must not exist or be empty, unless -Force.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>The catalog to ship (default: the catalog shipped with the module). It must have no error.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        /// <summary>The add-in source folder (src/, manifest/, catalog/); default: the one shipped with the module. For an organisation's customised copy.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourcePath { get; set; }

        /// <summary>Replaces the content of an existing, non-empty output folder.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var catalogPath = CatalogPath == null ? null : ResolveInputFile(CatalogPath, "CatalogPath");
            if (CatalogPath != null && catalogPath == null)
            {
                return;
            }

            var options = new OutlookAddinExportOptions
            {
                SourceFolder = SourcePath == null ? GuidelineLocations.AddinFolder : GetUnresolvedProviderPathFromPSPath(SourcePath),
                CatalogPath = catalogPath,
                BaseUrl = BaseUrl!,
                OutputPath = GetUnresolvedProviderPathFromPSPath(OutputPath),
                Force = Force.IsPresent,
            };

            // A wrong address is refused even under -WhatIf: it is a mistake in the command, not a change to make.
            var baseUrl = RunEngine("Exporting the Outlook add-in", (reporter, token) => OutlookAddinPackager.NormalizeBaseUrl(options.BaseUrl));
            if (!ShouldProcess(options.OutputPath, $"Create the Outlook add-in folder for {baseUrl.AbsoluteUri}"))
            {
                return;
            }

            var package = RunEngine("Exporting the Outlook add-in", (reporter, token) => OutlookAddinPackager.Export(options, reporter, token));
            WriteObject(package);
        }
    }
}
