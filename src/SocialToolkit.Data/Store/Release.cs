using System;

namespace SocialToolkit.Data.Store
{
    /// <summary>Undoes a setting or lets go of a lock when disposed, once, however often it is disposed.</summary>
    internal sealed class Release : IDisposable
    {
        /// <summary>For what needs nothing undone.</summary>
        public static readonly IDisposable Nothing = new Release(null);

        private Action? action;

        public Release(Action? action) => this.action = action;

        public void Dispose()
        {
            var pending = action;
            action = null;
            pending?.Invoke();
        }
    }
}
