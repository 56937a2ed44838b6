using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>
    /// Base of every SocialToolkit cmdlet. Engine work runs as a task on the thread pool; everything it
    /// reports (progress, verbose, warnings) is queued and written here, on the pipeline thread, which is the
    /// only thread PowerShell allows to write. Ctrl+C cancels the token handed to the engine.
    /// </summary>
    public abstract partial class SocialCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private int nextActivityId = 1;

        /// <summary>
        /// Identifies the runspace this command runs in; Graph sessions are kept per runspace. Read it on the
        /// pipeline thread (engine tasks run where no runspace is current).
        /// </summary>
        protected static Guid SessionScope => System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => stopping.Token;

        protected override void StopProcessing()
        {
            stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>
        /// Runs engine work and pumps its reports onto the pipeline thread until it ends. Engine failures
        /// become terminating errors with the engine's stable id; cancellation stops the pipeline.
        /// </summary>
        protected T RunEngine<T>(string activity, Func<IOperationReporter, CancellationToken, Task<T>> work)
        {
            var outcome = Run(activity, work);
            if (outcome.Failure != null)
            {
                ThrowEngineFailure(outcome.Failure);
            }

            return outcome.Result!;
        }

        /// <summary>
        /// Runs engine work about one input item (a file, a store, a day). A failure about that item becomes a
        /// non-terminating error whose target is the item, and false is returned so the command goes on with
        /// the next one; a failure of the session (sign-in, network, throttling) or Ctrl+C still ends the command.
        /// </summary>
        protected bool TryRunEngine<T>(string activity, object? item, Func<IOperationReporter, CancellationToken, Task<T>> work, out T result)
        {
            var outcome = Run(activity, work);
            result = outcome.Result!;
            if (outcome.Failure == null)
            {
                return true;
            }

            if (outcome.Failure is SocialToolkitException known && IsAboutOneItem(known.Kind))
            {
                WriteError(ToErrorRecord(known, item));
                return false;
            }

            ThrowEngineFailure(outcome.Failure);
            return false;
        }

        /// <summary>Synchronous engine work about one input item; see the asynchronous overload.</summary>
        protected bool TryRunEngine<T>(string activity, object? item, Func<IOperationReporter, CancellationToken, T> work, out T result) =>
            TryRunEngine<T>(activity, item, (reporter, token) => Task.FromResult(work(reporter, token)), out result);

        /// <summary>
        /// Whether a failure concerns the item being processed rather than the whole command: a wrong argument,
        /// or what the session cannot do (sign-in, network, throttling, a disabled feature), would fail every
        /// other item too.
        /// </summary>
        internal static bool IsAboutOneItem(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => false,
            FailureKind.AuthenticationFailed => false,
            FailureKind.ConnectionFailed => false,
            FailureKind.NotConnected => false,
            FailureKind.ServiceUnavailable => false,
            FailureKind.Throttled => false,
            FailureKind.NotEnabled => false,
            _ => true,
        };

        private (T? Result, Exception? Failure) Run<T>(string activity, Func<IOperationReporter, CancellationToken, Task<T>> work)
        {
            var reporter = new QueuedReporter(activity, nextActivityId++);
            try
            {
                var task = Task.Run(() => work(reporter, stopping.Token), stopping.Token);
                while (!task.Wait(50))
                {
                    reporter.Drain(this);
                }

                reporter.Drain(this);
                return (task.Result, null);
            }
            catch (AggregateException aggregate)
            {
                reporter.Drain(this);
                var flattened = aggregate.Flatten();
                return (default, flattened.InnerExceptions.Count == 1 ? flattened.InnerException! : flattened);
            }
            finally
            {
                reporter.Complete(this);
            }
        }

        /// <summary>Runs engine work that returns nothing.</summary>
        protected void RunEngine(string activity, Func<IOperationReporter, CancellationToken, Task> work) =>
            RunEngine<bool>(activity, async (reporter, token) =>
            {
                await work(reporter, token).ConfigureAwait(false);
                return true;
            });

        /// <summary>Runs synchronous engine work with the same reporting and error handling.</summary>
        protected T RunEngine<T>(string activity, Func<IOperationReporter, CancellationToken, T> work) =>
            RunEngine<T>(activity, (reporter, token) => Task.FromResult(work(reporter, token)));

        /// <summary>
        /// Ends the command the way PowerShell users expect: a stopped pipeline when the user pressed Ctrl+C,
        /// a terminating error with the engine's stable id for a known failure, an "UnexpectedFailure" otherwise.
        /// </summary>
        private void ThrowEngineFailure(Exception failure)
        {
            if (failure is OperationCanceledException && stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (failure is PipelineStoppedException || failure is RuntimeException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            ThrowTerminatingError(failure is SocialToolkitException known
                ? ToErrorRecord(known)
                : new ErrorRecord(failure, "UnexpectedFailure", ErrorCategory.NotSpecified, null));
        }

        /// <summary>Builds the ErrorRecord for a known engine failure; per-item failures use it with WriteError.</summary>
        protected static ErrorRecord ToErrorRecord(SocialToolkitException failure, object? item = null)
        {
            var record = new ErrorRecord(failure, failure.ErrorId, ToCategory(failure.Kind), item ?? failure.Target);
            if (failure.ServiceMessage != null || failure.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(failure.Message)
                {
                    RecommendedAction = failure.RecommendedAction,
                };
            }

            return record;
        }

        internal static ErrorCategory ToCategory(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
            FailureKind.InvalidData => ErrorCategory.InvalidData,
            FailureKind.NotFound => ErrorCategory.ObjectNotFound,
            FailureKind.AlreadyExists => ErrorCategory.ResourceExists,
            FailureKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
            FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            FailureKind.Throttled => ErrorCategory.LimitsExceeded,
            FailureKind.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
            FailureKind.ConnectionFailed => ErrorCategory.ConnectionError,
            FailureKind.NotEnabled => ErrorCategory.NotEnabled,
            FailureKind.NotConnected => ErrorCategory.ConnectionError,
            FailureKind.WriteFailed => ErrorCategory.WriteError,
            FailureKind.InvalidOperation => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };

        public void Dispose()
        {
            stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Collects reports from any thread; <see cref="Drain"/> writes them on the pipeline thread.</summary>
        private sealed class QueuedReporter : IOperationReporter
        {
            private readonly ConcurrentQueue<Action<SocialCmdlet>> pending = new ConcurrentQueue<Action<SocialCmdlet>>();
            private readonly string defaultActivity;
            private readonly int activityId;
            private ProgressRecord? lastProgress;

            public QueuedReporter(string defaultActivity, int activityId)
            {
                this.defaultActivity = defaultActivity;
                this.activityId = activityId;
            }

            public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
            {
                var record = new ProgressRecord(activityId, string.IsNullOrEmpty(activity) ? defaultActivity : activity, string.IsNullOrEmpty(status) ? "…" : status)
                {
                    PercentComplete = Math.Min(100, Math.Max(-1, percentComplete)),
                    SecondsRemaining = secondsRemaining,
                };
                pending.Enqueue(cmdlet =>
                {
                    lastProgress = record;
                    cmdlet.WriteProgress(record);
                });
            }

            public void Verbose(string message) => pending.Enqueue(cmdlet => cmdlet.WriteVerbose(message));

            public void Warning(string message) => pending.Enqueue(cmdlet => cmdlet.WriteWarning(message));

            public void Notice(string message) =>
                pending.Enqueue(cmdlet => cmdlet.WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST" }));

            public void Drain(SocialCmdlet cmdlet)
            {
                while (pending.TryDequeue(out var write))
                {
                    write(cmdlet);
                }
            }

            public void Complete(SocialCmdlet cmdlet)
            {
                Drain(cmdlet);
                if (lastProgress != null)
                {
                    cmdlet.WriteProgress(new ProgressRecord(activityId, lastProgress.Activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }
    }
}
