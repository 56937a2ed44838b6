using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Guidelines.Addin;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Prepares the Outlook add-in for the organisation's web server: task pane, catalog, manifests pointing at -BaseUrl and the app package to upload.</para>
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

        /// <summary>Replaces a previous export in -OutputPath (the files its marker lists); other files are never touched.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// The organisation's values for the catalog's placeholders, e.g. @{ company = 'Contoso'; hashtag = '#ContosoLife' }.
        /// They set or replace the catalog's own values; each person may still override them in the pane.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? PlaceholderValue { get; set; }

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
                PlaceholderValues = PlaceholderValues(),
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

        /// <summary>The hashtable as names and texts; a value that is not a single text is refused here, naming its key.</summary>
        private IReadOnlyDictionary<string, string>? PlaceholderValues()
        {
            if (PlaceholderValue == null)
            {
                return null;
            }

            var values = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (DictionaryEntry entry in PlaceholderValue)
            {
                var name = LanguagePrimitives.ConvertTo<string>(entry.Key);
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (!(value is string || value is System.ValueType) || value == null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException($"-PlaceholderValue for '{name}' must be a text (e.g. 'Contoso'), not {(value == null ? "$null" : value.GetType().Name)}.", nameof(PlaceholderValue)),
                        "PlaceholderValueInvalid",
                        ErrorCategory.InvalidArgument,
                        name));
                }

                values[name] = LanguagePrimitives.ConvertTo<string>(value);
            }

            return values;
        }
    }
}
