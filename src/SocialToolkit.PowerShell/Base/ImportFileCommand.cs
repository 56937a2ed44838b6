using System.Globalization;
using System.Management.Automation;
using SocialToolkit.Core.Model;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>What the import cmdlets share: the file, the store and how to read the file.</summary>
    public abstract class ImportFileCommand : SocialCmdlet
    {
        /// <summary>The CSV or xlsx file. Accepts files from Get-ChildItem through the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

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

        /// <summary>The file's full path (resolve on the pipeline thread).</summary>
        protected string ResolvedPath => GetUnresolvedProviderPathFromPSPath(Path);

        /// <summary>The store's full path, the default one when -StorePath is left out.</summary>
        protected string ResolvedStorePath => GetUnresolvedProviderPathFromPSPath(StorePath ?? StorePaths.Default());

        /// <summary>The delimiter as a character; null to detect it.</summary>
        protected char? DelimiterCharacter => string.IsNullOrEmpty(Delimiter) ? (char?)null : Delimiter![0];
    }
}
