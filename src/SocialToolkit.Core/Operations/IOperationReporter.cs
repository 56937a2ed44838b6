namespace SocialToolkit.Core.Operations
{
    /// <summary>
    /// How an engine tells its caller what it is doing. Engines never see PowerShell: the cmdlet base
    /// implements this and forwards each call to the pipeline thread.
    /// </summary>
    public interface IOperationReporter
    {
        /// <summary>Reports progress of a long step. <paramref name="percentComplete"/> is -1 when unknown.</summary>
        void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1);

        /// <summary>Detail for people who ask for it (-Verbose).</summary>
        void Verbose(string message);

        /// <summary>Something the user should know that does not stop the operation.</summary>
        void Warning(string message);

        /// <summary>A message the user must read to go on, such as a device-code sign-in instruction.</summary>
        void Notice(string message);
    }

    /// <summary>A reporter that drops everything, for engine callers that do not care.</summary>
    public sealed class SilentReporter : IOperationReporter
    {
        public static readonly SilentReporter Instance = new SilentReporter();

        private SilentReporter()
        {
        }

        public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Notice(string message)
        {
        }
    }
}
