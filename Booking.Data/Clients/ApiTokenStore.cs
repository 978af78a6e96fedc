using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Clients;

/// <summary>
/// The key the FHIR API signs its access tokens with, kept in the database (protected by the app's Data Protection
/// keys, which a server database shares between instances) so that every instance accepts the tokens any of them
/// issued, and a restart does not void the tokens out. One row; its id is <see cref="ApiTokenStore.SigningKeyId"/>.
/// </summary>
public sealed class TokenSigningKeyRow
{
    public const int KeyIdMaxLength = 64;

    public int Id { get; set; }

    /// <summary>The key id tokens name in their header (<c>kid</c>).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The private key, as the app protected it; never stored in the clear.</summary>
    public string ProtectedKey { get; set; } = "";

    public Instant CreatedAt { get; set; }
}

/// <summary>
/// A client assertion already exchanged for a token, remembered until it expires so that a captured assertion cannot
/// be replayed at this or another instance. No patient data: the client and the assertion's own id.
/// </summary>
public sealed class UsedClientAssertionRow
{
    public const int JtiMaxLength = 200;

    public string ClientId { get; set; } = "";

    public string Jti { get; set; } = "";

    public Instant ExpiresAt { get; set; }
}

internal sealed class TokenSigningKeyRowConfiguration : IEntityTypeConfiguration<TokenSigningKeyRow>
{
    public void Configure(EntityTypeBuilder<TokenSigningKeyRow> builder)
    {
        builder.ToTable("TokenSigningKeys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.KeyId).HasMaxLength(TokenSigningKeyRow.KeyIdMaxLength);
    }
}

internal sealed class UsedClientAssertionRowConfiguration : IEntityTypeConfiguration<UsedClientAssertionRow>
{
    public void Configure(EntityTypeBuilder<UsedClientAssertionRow> builder)
    {
        builder.ToTable("UsedClientAssertions");
        builder.HasKey(a => new { a.ClientId, a.Jti });
        builder.Property(a => a.ClientId).HasMaxLength(ApiClientRow.ClientIdMaxLength);
        builder.Property(a => a.Jti).HasMaxLength(UsedClientAssertionRow.JtiMaxLength);
        builder.HasIndex(a => a.ExpiresAt);
    }
}

/// <summary>
/// What the FHIR API's token endpoint shares between app instances through the database: the signing key and the
/// client assertions already used. Both are written under the write lock (<see cref="WriteTransaction"/>), which
/// serialises them across instances, so two instances starting together make one key and two racing replays of one
/// assertion get one token. Token requests come once per client every few minutes, so the lock costs nothing that counts.
/// </summary>
public sealed class ApiTokenStore(IDbContextFactory<BookingDbContext> dbFactory, IClock clock)
{
    /// <summary>The id of the one signing key row.</summary>
    public const int SigningKeyId = 1;

    /// <summary>
    /// The stored signing key, or the one <paramref name="create"/> makes when none is stored yet (or when
    /// <paramref name="isReadable"/> says the stored one cannot be unprotected any more: its Data Protection key is gone).
    /// </summary>
    /// <param name="create">Makes a new key: its id and its protected private key.</param>
    /// <param name="isReadable">Whether this app can unprotect a stored key.</param>
    /// <param name="cancellationToken">Cancels the read or write.</param>
    public async Task<TokenSigningKeyRow> GetOrCreateSigningKeyAsync(
        Func<(string KeyId, string ProtectedKey)> create, Func<TokenSigningKeyRow, bool> isReadable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(isReadable);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.TokenSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == SigningKeyId, cancellationToken) is { } stored && isReadable(stored))
        {
            return stored;
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Other, cancellationToken);
        var row = await db.TokenSigningKeys.SingleOrDefaultAsync(k => k.Id == SigningKeyId, cancellationToken);
        if (row is not null && isReadable(row))
        {
            // Another instance made it while this one waited for the lock.
            return row;
        }

        var (keyId, protectedKey) = create();
        if (row is null)
        {
            row = new TokenSigningKeyRow { Id = SigningKeyId };
            db.TokenSigningKeys.Add(row);
        }

        row.KeyId = keyId;
        row.ProtectedKey = protectedKey;
        row.CreatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Records that <paramref name="clientId"/> used the assertion <paramref name="jti"/>; false when it (or any
    /// instance) already had. Assertions past their expiry are forgotten on the way.
    /// </summary>
    public async Task<bool> TryUseAssertionAsync(string clientId, string jti, Instant expires, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(jti);
        if (jti.Length > UsedClientAssertionRow.JtiMaxLength)
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Other, cancellationToken);
        await db.UsedClientAssertions.Where(a => a.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        if (await db.UsedClientAssertions.AnyAsync(a => a.ClientId == clientId && a.Jti == jti, cancellationToken))
        {
            return false;
        }

        db.UsedClientAssertions.Add(new UsedClientAssertionRow { ClientId = clientId, Jti = jti, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
