using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Benchmarks.Store;

/// <summary>Where the benchmark puts its stores on one backend: new empty ones, and a sample store kept between runs.</summary>
internal abstract class BenchBackend : IDisposable
{
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public abstract string Name { get; }

    /// <summary>A new store with nothing in it yet, set up as its commands would (Initialize-SocialStore on a server).</summary>
    public abstract StoreLocation NewStore();

    /// <summary>The store kept under <paramref name="name"/> (--keep), and whether it was there already.</summary>
    public abstract (StoreLocation Store, bool Existed) KeptStore(string name);

    /// <summary>Writes the sample organisation into a new store, with the engine New-SocialSampleStore runs.</summary>
    public abstract SampleStoreInfo WriteSample(StoreLocation store, SampleStoreOptions options);

    /// <summary>Removes a store made by <see cref="NewStore"/>.</summary>
    public abstract void Drop(StoreLocation store);

    /// <summary>
    /// CPU seconds spent so far by a database server running apart from this process, when it can be read; null for an
    /// embedded store (its work is this process's own).
    /// </summary>
    public virtual double? ServerCpuSeconds() => null;

    public virtual void Dispose()
    {
    }
}

/// <summary>Store files in a temporary folder of the run's own.</summary>
internal sealed class SqliteBench : BenchBackend
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-store-bench-" + Guid.NewGuid().ToString("N"));
    private int count;

    public SqliteBench()
    {
        Directory.CreateDirectory(folder);
    }

    public override string Name => "SQLite";

    public override StoreLocation NewStore() => StoreLocation.File(Path.Combine(folder, $"store-{++count}.db"));

    public override (StoreLocation Store, bool Existed) KeptStore(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"socialtoolkit-bench-{name}.db");
        return (StoreLocation.File(path), File.Exists(path));
    }

    public override SampleStoreInfo WriteSample(StoreLocation store, SampleStoreOptions options) =>
        SampleStoreGenerator.Create(store.FilePath!, options, false, SilentReporter.Instance, CancellationToken.None);

    public override void Drop(StoreLocation store)
    {
        foreach (var file in new[] { store.FilePath!, store.FilePath + "-wal", store.FilePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    public override void Dispose() => Directory.Delete(folder, recursive: true);
}

/// <summary>
/// Databases of the benchmark's own on a PostgreSQL server, reached with an administrator's connection string: each
/// store is a new database (named socialtoolkit_bench_...) set up by Initialize-SocialStore's engine, which also creates
/// the store's three roles on the server when missing. Every database made here is dropped at the end, except a kept one.
/// </summary>
internal sealed class PostgresBench : BenchBackend
{
    private const string Prefix = "socialtoolkit_bench_";
    private static readonly Regex OwnName = new("^" + Prefix + "[a-z0-9_]{1,40}$", RegexOptions.CultureInvariant);
    private readonly string admin;
    private readonly List<StoreLocation> made = new();
    private int? postmaster;

    private PostgresBench(string admin)
    {
        this.admin = admin;
    }

    public override string Name => "PostgreSQL";

    /// <summary>Where the server is, without secrets.</summary>
    public string Display => StoreLocation.Server(admin).Display;

    /// <summary>The server's version and the settings that weigh on the figures.</summary>
    public string Settings { get; private set; } = string.Empty;

    /// <summary>Connects once to check the server; the reason, secrets removed, when it cannot be used.</summary>
    public static PostgresBench? TryConnect(string admin, out string? why)
    {
        why = null;
        try
        {
            // A postgresql:// URI becomes the driver's keyword form, as -StoreConnection takes it.
            admin = StoreLocation.Server(admin).GetConnectionString()!;
            var bench = new PostgresBench(admin);
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('max_parallel_workers_per_gather'), current_setting('jit'), current_setting('fsync'), current_setting('synchronous_commit')",
                connection);
            using var reader = command.ExecuteReader();
            reader.Read();
            bench.Settings = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {reader.GetString(0)}: shared_buffers {reader.GetString(1)}, work_mem {reader.GetString(2)}, max_parallel_workers_per_gather {reader.GetString(3)}, jit {reader.GetString(4)}, fsync {reader.GetString(5)}, synchronous_commit {reader.GetString(6)}");
            return bench;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or SocialToolkitException)
        {
            why = e is SocialToolkitException ? e.Message : Redact(admin, e.Message);
            return null;
        }
    }

    public override StoreLocation NewStore()
    {
        var store = Create(Prefix + Guid.NewGuid().ToString("N"));
        made.Add(store);
        return store;
    }

    public override (StoreLocation Store, bool Existed) KeptStore(string name)
    {
        var database = Prefix + name;
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("@name", database);
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                return (Location(database), true);
            }
        }

        return (Create(database), false);
    }

    /// <summary>
    /// Fills the store, then vacuums and analyses it as autovacuum soon would on a server that keeps running: the
    /// report's plan and its index-only reads depend on fresh statistics and visibility map.
    /// </summary>
    public override SampleStoreInfo WriteSample(StoreLocation store, SampleStoreOptions options)
    {
        var info = SampleStoreGenerator.Fill(store, options, SilentReporter.Instance, CancellationToken.None);
        Vacuum(store);
        return info;
    }

    /// <summary>VACUUM (ANALYZE) of the store's database, as autovacuum does after large writes.</summary>
    public static void Vacuum(StoreLocation store)
    {
        using var connection = new NpgsqlConnection(store.GetConnectionString());
        connection.Open();
        using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        vacuum.ExecuteNonQuery();
    }

    public override void Drop(StoreLocation store)
    {
        var database = new NpgsqlConnectionStringBuilder(store.GetConnectionString()).Database!;
        if (!OwnName.IsMatch(database))
        {
            throw new InvalidOperationException($"'{database}' was not made by this benchmark; only its own databases are dropped.");
        }

        // The store's own connections sit in Npgsql's pool; FORCE ends any other session still on it.
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
        made.Remove(store);
    }

    /// <summary>
    /// On a server on this machine: the CPU time of its postmaster and every process it runs (sessions, parallel workers,
    /// autovacuum, writers), those already ended included, from /proc. Null for a server elsewhere.
    /// </summary>
    public override double? ServerCpuSeconds()
    {
        if (postmaster == null)
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = Convert.ToInt32(pid.ExecuteScalar(), CultureInfo.InvariantCulture);
            var status = $"/proc/{backend}/status";
            var parent = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal)) : null;
            postmaster = parent == null ? 0 : int.Parse(parent.Substring(5).Trim(), CultureInfo.InvariantCulture);
        }

        if (postmaster == 0)
        {
            return null;
        }

        // utime, stime, cutime, cstime: fields 14 to 17 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
        static long[] Ticks(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                return new[] { 11, 12, 13, 14 }.Select(i => long.Parse(fields[i], CultureInfo.InvariantCulture)).ToArray();
            }
            catch (IOException)
            {
                // Ended meanwhile: its time is in the postmaster's cutime and cstime now.
                return new long[4];
            }
        }

        var own = Ticks(postmaster.Value);
        var total = own.Sum();
        var children = File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var child in children)
        {
            var ticks = Ticks(int.Parse(child, CultureInfo.InvariantCulture));
            total += ticks[0] + ticks[1];
        }

        return total / 100.0;
    }

    public override void Dispose()
    {
        foreach (var store in made.ToList())
        {
            Drop(store);
        }
    }

    private StoreLocation Create(string database)
    {
        if (!OwnName.IsMatch(database))
        {
            throw new ArgumentException($"'{database}' is not a name this benchmark gives its databases (lower-case letters, digits and '_').");
        }

        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }

        var store = Location(database);
        SocialStore.Initialize(store).Dispose();
        return store;
    }

    private StoreLocation Location(string database) =>
        StoreLocation.Server(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);

    private static string Redact(string connection, string text)
    {
        try
        {
            return StoreLocation.Server(connection).Redact(text);
        }
        catch (SocialToolkitException)
        {
            return "the connection string cannot be read";
        }
    }
}
