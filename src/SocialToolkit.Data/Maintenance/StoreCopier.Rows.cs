using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>How the copy reads, fingerprints and writes rows.</summary>
    public static partial class StoreCopier
    {
        /// <summary>
        /// SHA-256 over rows, each value as text (integers in invariant digits, binary as hex), with lengths so that no two
        /// different rows hash alike. Both backends' values reduce to the same text, whatever type the driver hands back.
        /// </summary>
        private sealed class RowHasher
        {
            // Rows are gathered into a buffer and hashed a block at a time: one call into the hash per value was most of the copy's time.
            private const int BlockSize = 1 << 16;

            private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            private byte[] block = new byte[BlockSize];
            private int used;

            public void Add(object[] values)
            {
                foreach (var value in values)
                {
                    var text = Text(value);
                    if (text == null)
                    {
                        Reserve(1);
                        block[used++] = 0;
                        continue;
                    }

                    Reserve(5 + Encoding.UTF8.GetMaxByteCount(text.Length));
                    var bytes = Encoding.UTF8.GetBytes(text, 0, text.Length, block, used + 5);
                    block[used] = 1;
                    block[used + 1] = (byte)(bytes >> 24);
                    block[used + 2] = (byte)(bytes >> 16);
                    block[used + 3] = (byte)(bytes >> 8);
                    block[used + 4] = (byte)bytes;
                    used += 5 + bytes;
                }

                Reserve(1);
                block[used++] = 2;
            }

            public string Finish()
            {
                Flush();
                var digest = hash.GetHashAndReset();
                hash.Dispose();
                var text = new StringBuilder(digest.Length * 2);
                foreach (var b in digest)
                {
                    text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }

            private void Reserve(int bytes)
            {
                if (used + bytes <= block.Length)
                {
                    return;
                }

                Flush();
                if (bytes > block.Length)
                {
                    block = new byte[bytes];
                }
            }

            private void Flush()
            {
                hash.AppendData(block, 0, used);
                used = 0;
            }

            private static string? Text(object value) => value switch
            {
                DBNull _ => null,
                null => null,
                string text => text,
                byte[] bytes => Hex(bytes),
                bool flag => flag ? "1" : "0",
                double number => number.ToString("R", CultureInfo.InvariantCulture),
                float number => ((double)number).ToString("R", CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };

            private static string Hex(byte[] bytes)
            {
                var text = new StringBuilder(bytes.Length * 2);
                foreach (var b in bytes)
                {
                    text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
        }

        /// <summary>Writes one table's rows into the target inside its transaction: a prepared insert on a file, binary COPY on a server.</summary>
        private abstract class RowWriter : IDisposable
        {
            public static RowWriter For(SocialStore target, DbTransaction transaction, string table, IReadOnlyList<StoreColumn> columns) =>
                target.Connection is NpgsqlConnection server
                    ? new CopyWriter(server, table, columns)
                    : (RowWriter)new InsertWriter(target, transaction, table, columns);

            public abstract void Write(object[] values);

            /// <summary>Ends the table's rows; until then nothing of a COPY is kept.</summary>
            public abstract void Complete();

            public abstract void Dispose();
        }

        private sealed class InsertWriter : RowWriter
        {
            private readonly DbCommand insert;
            private readonly DbParameter[] parameters;

            public InsertWriter(SocialStore target, DbTransaction transaction, string table, IReadOnlyList<StoreColumn> columns)
            {
                insert = target.Command($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})", transaction);
                parameters = columns.Select((_, i) => insert.Parameters.AddWithValue("@p" + i.ToString(CultureInfo.InvariantCulture), null)).ToArray();
                insert.Prepare();
            }

            public override void Write(object[] values)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                insert.ExecuteNonQuery();
            }

            public override void Complete()
            {
            }

            public override void Dispose() => insert.Dispose();
        }

        private sealed class CopyWriter : RowWriter
        {
            private readonly NpgsqlBinaryImporter importer;
            private readonly NpgsqlDbType[] types;
            private readonly IReadOnlyList<StoreColumn> columns;
            private readonly string table;

            public CopyWriter(NpgsqlConnection connection, string table, IReadOnlyList<StoreColumn> columns)
            {
                this.table = table;
                this.columns = columns;
                types = columns.Select(c => TypeOf(table, c)).ToArray();
                importer = connection.BeginBinaryImport($"COPY socialtoolkit.{Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)");
            }

            public override void Write(object[] values)
            {
                importer.StartRow();
                for (var i = 0; i < types.Length; i++)
                {
                    var value = values[i];
                    if (value == null || value is DBNull)
                    {
                        importer.WriteNull();
                        continue;
                    }

                    switch (types[i])
                    {
                        case NpgsqlDbType.Bigint:
                            importer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                            break;
                        case NpgsqlDbType.Integer:
                            importer.Write(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                            break;
                        case NpgsqlDbType.Bytea:
                            importer.Write(value as byte[] ?? throw Unexpected(i, value), NpgsqlDbType.Bytea);
                            break;
                        default:
                            importer.Write(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                            break;
                    }
                }
            }

            public override void Complete() => importer.Complete();

            public override void Dispose() => importer.Dispose();

            private static NpgsqlDbType TypeOf(string table, StoreColumn column) => column.Type switch
            {
                "bigint" => NpgsqlDbType.Bigint,
                "integer" => NpgsqlDbType.Integer,
                "bytea" => NpgsqlDbType.Bytea,
                "text" => NpgsqlDbType.Text,
                _ => throw new SocialToolkitException("StoreCopySchemaMismatch", FailureKind.InvalidData, $"The column {table}.{column.Name} has the type '{column.Type}', which this version of Copy-SocialStore does not copy. Update the module.", table),
            };

            private SocialToolkitException Unexpected(int index, object value) =>
                new SocialToolkitException("StoreCopySchemaMismatch", FailureKind.InvalidData, $"The column {table}.{columns[index].Name} holds a {value.GetType().Name} where binary data was expected.", table);
        }
    }

    /// <summary>A table of the store as the copy sees it: its primary key (the order rows are read and compared in) and identity column.</summary>
    internal sealed class StoreTableSpec
    {
        public StoreTableSpec(string name, string[] key, string? identity, bool holdsData)
        {
            Name = name;
            Key = key;
            Identity = identity;
            HoldsData = holdsData;
        }

        public string Name { get; }

        public string[] Key { get; }

        /// <summary>The column PostgreSQL numbers from a sequence, whose next value must follow the copied ids.</summary>
        public string? Identity { get; }

        /// <summary>Rows here are the organisation's data: a target holding any is only replaced with -Force.</summary>
        public bool HoldsData { get; }
    }

    internal readonly struct StoreColumn
    {
        public StoreColumn(string name, string type)
        {
            Name = name;
            Type = type;
        }

        public string Name { get; }

        /// <summary>PostgreSQL's data_type (bigint, integer, text, bytea); empty for SQLite.</summary>
        public string Type { get; }
    }
}
