using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// Parameter shorthands on the provider-neutral command, so one statement text and one way of binding serve
    /// both backends (SQLite and PostgreSQL take <c>@name</c> placeholders alike).
    /// </summary>
    public static class StoreParameters
    {
        /// <summary>Adds a parameter with its value (null becomes SQL NULL).</summary>
        public static DbParameter AddWithValue(this DbParameterCollection parameters, string name, object? value)
        {
            var parameter = NewParameter(parameters, name);
            parameter.Value = value ?? System.DBNull.Value;
            parameters.Add(parameter);
            return parameter;
        }

        /// <summary>Adds a typed parameter whose value is set per row (prepared statements in loops).</summary>
        public static DbParameter Add(this DbParameterCollection parameters, string name, DbType type)
        {
            var parameter = NewParameter(parameters, name);
            parameter.DbType = type;
            parameters.Add(parameter);
            return parameter;
        }

        private static DbParameter NewParameter(DbParameterCollection parameters, string name)
        {
            DbParameter parameter = parameters is NpgsqlParameterCollection ? new NpgsqlParameter() : new SqliteParameter();
            parameter.ParameterName = name;
            return parameter;
        }
    }
}
