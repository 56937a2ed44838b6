using System;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Removes old activity from the store (retention) or everything about a person (erasure).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SocialStoreData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.OlderThan, HelpUri = HelpLinks.Cmdlets + "Remove-SocialStoreData.md")]
    [OutputType(typeof(StoreRemovalSummary))]
    public sealed class RemoveSocialStoreDataCommand : StoreCommand
    {
        /// <summary>Parameter-set names.</summary>
        public static class ParameterSets
        {
            public const string OlderThan = "OlderThan";
            public const string UserPrincipalName = "UserPrincipalName";
        }

        private StoreRemovalSummary? summary;
        private bool changed;
        private bool erased;
        private StoreLocation? store;

        /// <summary>The store; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>Removes activity and covered days before this day: a date, or a number of days (365 = before the day a year ago).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.OlderThan)]
        [RetentionCutoffTransformation]
        public DateTime OlderThan { get; set; }

        /// <summary>With -OlderThan, also removes training records completed (or, if not completed, assigned) before that day.</summary>
        [Parameter(ParameterSetName = ParameterSets.OlderThan)]
        public SwitchParameter IncludeTraining { get; set; }

        /// <summary>Erases every row about these people (by user principal name or mail) and every mention of them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.UserPrincipalName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UPN", "Mail")]
        [ValidateNotNullOrEmpty]
        public string[] UserPrincipalName { get; set; } = Array.Empty<string>();

        /// <summary>Rewrites the store file afterwards (VACUUM): it shrinks, and no trace of removed rows is left in free pages. An erasure (-UserPrincipalName) always compacts.</summary>
        [Parameter]
        public SwitchParameter Compact { get; set; }

        protected override void BeginProcessing()
        {
            store = ResolveStore(StorePath, StoreUse.Require)!;
            var location = store;
            summary = new StoreRemovalSummary { StorePath = store.Display, SizeBeforeBytes = RunEngine("Removing store data", (reporter, token) => StoreCleaner.Size(location)) };
        }

        protected override void ProcessRecord()
        {
            var result = summary!;
            if (ParameterSetName == ParameterSets.OlderThan)
            {
                var plan = RunEngine("Removing store data", (reporter, token) => StoreCleaner.PlanRetention(store!, OlderThan, IncludeTraining));
                if (ShouldProcess(store!.Display, plan.Description))
                {
                    RunEngine("Removing store data", (reporter, token) =>
                    {
                        StoreCleaner.ApplyRetention(plan, result, reporter, token);
                        return true;
                    });
                    changed = true;
                }

                return;
            }

            foreach (var person in UserPrincipalName)
            {
                // A person who cannot be erased (an alias several people share) is reported and skipped: those already
                // erased in this run are still compacted and summarised.
                if (!TryRunEngine("Removing store data", person, (reporter, token) => StoreCleaner.PlanErasure(store!, person), out var plan))
                {
                    continue;
                }

                if (!plan.Found)
                {
                    WriteWarning($"No one in {store!.Display} has the user principal name or mail '{plan.Requested}'." + (plan.HasAnything ? " Its other mentions are erased." : string.Empty));
                }

                if (!plan.HasAnything)
                {
                    continue;
                }

                if (ShouldProcess($"{plan.UserPrincipalName ?? plan.Requested} in {store!.Display}", plan.Description))
                {
                    RunEngine("Removing store data", (reporter, token) =>
                    {
                        StoreCleaner.ApplyErasure(plan, result, reporter, token);
                        return true;
                    });
                    changed = true;
                    erased = true;
                }
            }
        }

        protected override void EndProcessing()
        {
            var result = summary!;
            // An erasure in a file always compacts: until then the erased rows can still be read in free pages and the
            // -wal file. A server never hands out its files: erased rows are gone for every reader and autovacuum reuses
            // their space, so only an explicit -Compact asks it (and is refused: CompactNeedsFile).
            var compactAfterErasure = erased && !store!.IsServer;
            if (compactAfterErasure || (Compact && ShouldProcess(store!.Display, "Compact the store (VACUUM)")))
            {
                RunEngine("Removing store data", (reporter, token) =>
                {
                    StoreCleaner.Compact(store!, result, reporter, token);
                    return true;
                });
                changed = true;
            }

            if (changed)
            {
                var location = store!;
                result.SizeAfterBytes = RunEngine("Removing store data", (reporter, token) => StoreCleaner.Size(location));
                WriteObject(result);
            }
        }
    }
}
