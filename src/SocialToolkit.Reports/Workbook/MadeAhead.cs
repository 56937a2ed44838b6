using System;
using System.Threading;
using System.Threading.Tasks;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>
    /// A value made on another core while the caller goes on with work that does not need it. Disposing waits for it (so
    /// nothing it uses is disposed under it) and disposes it when it is disposable.
    /// </summary>
    internal sealed class MadeAhead<T> : IDisposable
    {
        private readonly Task<T> making;

        public MadeAhead(Func<T> make) => making = Task.Run(make);

        /// <summary>The value, waiting for it if need be; a failure to make it is raised here.</summary>
        public T Value => making.GetAwaiter().GetResult();

        public void Dispose()
        {
            try
            {
                making.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Raised by Value to whoever needed it; nobody else does.
                return;
            }

            (making.Result as IDisposable)?.Dispose();
        }
    }
}
