using System.Management.Automation;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Copies a whole store between a file and a PostgreSQL database, in either direction, and verifies every table.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "SocialStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets + "Copy-SocialStore.md")]
    [OutputType(typeof(StoreCopySummary))]
    public sealed class CopySocialStoreCommand : SocialCmdlet
    {
        private const string Activity = "Copying the store";

        /// <summary>The store to copy: a store file, or a PostgreSQL connection string or postgresql:// URI.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string From { get; set; } = string.Empty;

        /// <summary>Where to copy it: a store file (created when missing), or a PostgreSQL connection string or postgresql:// URI.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string To { get; set; } = string.Empty;

        /// <summary>Signs in to the -From server with this user name and password instead of those of the connection string.</summary>
        [Parameter]
        [Credential]
        public PSCredential? FromCredential { get; set; }

        /// <summary>Signs in to the -To server with this user name and password instead of those of the connection string.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ToCredential { get; set; }

        /// <summary>Replaces whatever the target store holds with the copy.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var from = Resolve(From, FromCredential, nameof(From), isSource: true);
            var to = Resolve(To, ToCredential, nameof(To), isSource: false);
            var force = Force.IsPresent;
            var plan = RunEngine(Activity, (reporter, token) => StoreCopier.Plan(from, to, force));
            if (!Approve(plan))
            {
                return;
            }

            WriteObject(RunEngine(Activity, (reporter, token) => StoreCopier.Copy(plan, reporter, token)));
        }

        /// <summary>
        /// The copy's own confirmation rule: Medium impact, but High when it replaces data. PowerShell has one impact per
        /// command, so after ShouldProcess the replacement is asked about exactly when a High-impact command would have
        /// been: $ConfirmPreference High (the default) and no -Confirm either way.
        /// </summary>
        private bool Approve(StoreCopyPlan plan)
        {
            if (!ShouldProcess(plan.To.Display, plan.Description))
            {
                return false;
            }

            if (!plan.ReplacesData || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true;
            }

            var preference = LanguagePrimitives.TryConvertTo<ConfirmImpact>(SessionState.PSVariable.GetValue("ConfirmPreference"), out var value) ? value : ConfirmImpact.High;
            if (preference != ConfirmImpact.High)
            {
                // None: the session asks nothing. Low or Medium: ShouldProcess has just asked.
                return true;
            }

            return ShouldContinue($"{plan.To.Display} holds {plan.TargetContents}. Replace all of it with the copy of {plan.From.Display}?", "Replace the store's data");
        }

        /// <summary>A store file resolved as PowerShell paths are, or a server from a connection string, signed in with the credential when one is given.</summary>
        private StoreLocation Resolve(string text, PSCredential? credential, string parameterName, bool isSource)
        {
            var credentialParameter = parameterName + "Credential";
            try
            {
                if (!StoreLocation.LooksLikeServer(text))
                {
                    if (HasCredential(credential))
                    {
                        throw new SocialToolkitException("CredentialNeedsServer", FailureKind.InvalidArgument, $"-{credentialParameter} signs in to a PostgreSQL store; -{parameterName} names a store file, which has no sign-in. Leave -{credentialParameter} out, or give -{parameterName} a connection string.", credentialParameter);
                    }

                    return StoreLocation.File(isSource
                        ? RequireInputFile(text, parameterName, path => new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"-{parameterName}: there is no store file at {path}.", path))
                        : ResolveOutputFile(text, parameterName));
                }

                return SignedIn(StoreLocation.Server(text), credential);
            }
            catch (SocialToolkitException invalid) when (invalid.ErrorId == "StoreConnectionInvalid")
            {
                // The same reason, said of this command's parameter.
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException(invalid.ErrorId, invalid.Kind, $"-{parameterName}: " + invalid.Message, parameterName)));
                throw;
            }
            catch (SocialToolkitException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure));
                throw;
            }
        }
    }
}
