using System;
using System.Linq;
using System.Management.Automation;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>
    /// <para type="synopsis">Gets guideline snippets from a catalog: by language, category, id or words of their text.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SocialGuideline", HelpUri = HelpLinks.Cmdlets + "Get-SocialGuideline.md")]
    [OutputType(typeof(Guideline))]
    public sealed class GetSocialGuidelineCommand : SocialCmdlet
    {
        /// <summary>Words that must all occur in the title, text or tags; accents and case are ignored ("reseau" finds "réseau").</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>Only snippets in these languages (default: every language of the catalog).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GuidelineLanguageCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Language { get; set; }

        /// <summary>Only snippets of these categories (ids such as what-to-publish).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GuidelineCategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Category { get; set; }

        /// <summary>Only the snippets with these ids; * and ? are wildcards.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GuidelineIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>The catalog file (default: the catalog shipped with the module).</summary>
        [Parameter]
        [Alias("CatalogPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        protected override void ProcessRecord()
        {
            var path = ResolveCatalogPath(Path);
            if (path == null)
            {
                return;
            }

            var languages = Language ?? Array.Empty<string>();
            var categories = Category ?? Array.Empty<string>();
            var ids = Id ?? Array.Empty<string>();
            var search = Search;
            var found = RunEngine("Reading guidelines", (reporter, token) =>
                GuidelineCatalogService.Find(path, new GuidelineFilter { Languages = languages, Categories = categories, Ids = ids, Search = search }));

            foreach (var guideline in found)
            {
                WriteObject(guideline);
            }

            // An exact id that matched nothing is an error, as Get-Item's is; a wildcard may match nothing.
            foreach (var id in ids.Where(i => !WildcardPattern.ContainsWildcardCharacters(i) && !found.Any(g => string.Equals(g.Id, i, StringComparison.OrdinalIgnoreCase))))
            {
                WriteError(ToErrorRecord(new SocialToolkitException("GuidelineNotFound", FailureKind.NotFound, $"No snippet '{id}' in the catalog '{path}' matches the other filters.", id)));
            }
        }
    }
}
