using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WineB24.Bitrix24App.Storage;

/// <summary>Stores instants as unix milliseconds (UTC), which both SQLite and PostgreSQL compare and order natively.</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
